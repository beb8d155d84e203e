using AnHop.Media.Srtp;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>Per-packet work allocates nothing once an SSRC's state exists.</summary>
public class SrtpAllocationTests
{
    private const int PayloadLength = 1200;

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void ProtectRtp_allocates_nothing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        var template = MakeRtp(0, 1, PayloadLength);
        var buffer = new byte[template.Length];
        ushort seq = 0;
        Allocations.AssertNone(() =>
        {
            template.CopyTo(buffer, 0);
            buffer[2] = (byte)(seq >> 8);
            buffer[3] = (byte)seq++;
            sender.ProtectRtp(buffer, 12 + PayloadLength, out _);
        });
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void UnprotectRtp_allocates_nothing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var template = MakeRtp(0, 1, PayloadLength);
        var buffer = new byte[template.Length];
        ushort seq = 0;
        var failures = 0;

        // Each call protects a fresh packet (proven allocation-free above) and unprotects it.
        Allocations.AssertNone(() =>
        {
            template.CopyTo(buffer, 0);
            buffer[2] = (byte)(seq >> 8);
            buffer[3] = (byte)seq++;
            sender.ProtectRtp(buffer, 12 + PayloadLength, out var n);
            if (!receiver.UnprotectRtp(buffer.AsSpan(0, n), out _))
            {
                failures++;
            }
        });
        Assert.Equal(0, failures);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rejecting_a_replay_allocates_nothing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var buffer = MakeRtp(5, 1, PayloadLength);
        Assert.True(sender.ProtectRtp(buffer, 12 + PayloadLength, out var n));
        var wire = buffer[..n];
        Assert.True(receiver.UnprotectRtp(wire.AsSpan(), out _));
        Allocations.AssertNone(() => receiver.UnprotectRtp(buffer.AsSpan(0, n), out _));
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rejecting_a_forged_packet_allocates_nothing(SrtpProfile profile)
    {
        using var receiver = Context(profile);
        var forged = MakeRtp(5, 1, PayloadLength);
        var length = 12 + PayloadLength + receiver.RtpOverhead;
        var failures = 0;
        Allocations.AssertNone(() =>
        {
            if (!receiver.UnprotectRtp(forged.AsSpan(0, length), out _))
            {
                failures++;
            }
        });
        Assert.Equal(60_000, failures);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void ProtectRtcp_allocates_nothing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        var template = MakeRtcp(1, 100);
        var buffer = new byte[template.Length];
        Allocations.AssertNone(() =>
        {
            template.CopyTo(buffer, 0);
            sender.ProtectRtcp(buffer, 100, out _);
        });
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void UnprotectRtcp_allocates_nothing(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var template = MakeRtcp(1, 100);
        var buffer = new byte[template.Length];
        var failures = 0;
        Allocations.AssertNone(() =>
        {
            template.CopyTo(buffer, 0);
            sender.ProtectRtcp(buffer, 100, out var n);
            if (!receiver.UnprotectRtcp(buffer.AsSpan(0, n), out _))
            {
                failures++;
            }
        });
        Assert.Equal(0, failures);
    }
}
