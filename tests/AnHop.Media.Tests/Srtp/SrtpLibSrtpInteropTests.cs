using AnHop.Media.Srtp;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>
/// AnHop against libsrtp 2.5.0 in both directions, RTP and RTCP, both profiles, over a run of sequence
/// numbers that crosses 65535 (ROC 0 → 1). Never skipped: a missing libsrtp2 fails with a message.
/// </summary>
public class SrtpLibSrtpInteropTests
{
    private const uint Ssrc = 0x5EED0001;

    private static IEnumerable<ushort> SequenceAcrossTheWrap()
    {
        for (var i = 0; i < 40; i++)
        {
            yield return unchecked((ushort)(65515 + i));
        }
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rtp_protected_by_AnHop_is_unprotected_by_libsrtp(SrtpProfile profile)
    {
        var (key, salt) = Keys(profile, 42);
        using var anhop = new SrtpContext(profile, key, salt);
        using var libsrtp = new LibSrtp(profile, key, salt, outbound: false);
        foreach (var seq in SequenceAcrossTheWrap())
        {
            var buffer = MakeRtp(seq, Ssrc, 100 + (seq % 300), csrcCount: seq % 3, extensionWords: (seq % 4) - 1, fill: (byte)seq);
            var length = buffer.Length - 64;
            var plain = buffer[..length];
            Assert.True(anhop.ProtectRtp(buffer, length, out var protectedLength, out var reason), reason);
            var plainLength = libsrtp.UnprotectRtp(buffer, protectedLength);
            Assert.Equal(plain, buffer[..plainLength]);
        }

        Assert.True(anhop.TryGetOutboundRolloverCounter(Ssrc, out var roc));
        Assert.Equal(1u, roc);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rtp_protected_by_libsrtp_is_unprotected_by_AnHop(SrtpProfile profile)
    {
        var (key, salt) = Keys(profile, 43);
        using var anhop = new SrtpContext(profile, key, salt);
        using var libsrtp = new LibSrtp(profile, key, salt, outbound: true);
        foreach (var seq in SequenceAcrossTheWrap())
        {
            var buffer = MakeRtp(seq, Ssrc, 100 + (seq % 300), csrcCount: seq % 3, extensionWords: (seq % 4) - 1, fill: (byte)seq);
            var length = buffer.Length - 64;
            var plain = buffer[..length];
            var protectedLength = libsrtp.ProtectRtp(buffer, length);
            Assert.True(anhop.UnprotectRtp(buffer.AsSpan(0, protectedLength), out var plainLength, out var reason), $"seq {seq}: {reason}");
            Assert.Equal(plain, buffer[..plainLength]);
        }

        Assert.True(anhop.TryGetInboundRolloverCounter(Ssrc, out var roc));
        Assert.Equal(1u, roc);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rtcp_protected_by_AnHop_is_unprotected_by_libsrtp(SrtpProfile profile)
    {
        var (key, salt) = Keys(profile, 44);
        using var anhop = new SrtpContext(profile, key, salt);
        using var libsrtp = new LibSrtp(profile, key, salt, outbound: false);
        for (var i = 0; i < 30; i++)
        {
            var length = 8 + (4 * (i + 1));
            var buffer = MakeRtcp(Ssrc, length, (byte)i);
            var plain = buffer[..length];
            Assert.True(anhop.ProtectRtcp(buffer, length, out var protectedLength, out var reason), reason);
            var plainLength = libsrtp.UnprotectRtcp(buffer, protectedLength);
            Assert.Equal(plain, buffer[..plainLength]);
        }
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rtcp_protected_by_libsrtp_is_unprotected_by_AnHop(SrtpProfile profile)
    {
        var (key, salt) = Keys(profile, 45);
        using var anhop = new SrtpContext(profile, key, salt);
        using var libsrtp = new LibSrtp(profile, key, salt, outbound: true);
        for (var i = 0; i < 30; i++)
        {
            var length = 8 + (4 * (i + 1));
            var buffer = MakeRtcp(Ssrc, length, (byte)i);
            var plain = buffer[..length];
            var protectedLength = libsrtp.ProtectRtcp(buffer, length);
            Assert.True(anhop.UnprotectRtcp(buffer.AsSpan(0, protectedLength), out var plainLength, out var reason), reason);
            Assert.Equal(plain, buffer[..plainLength]);
        }
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Libsrtp_rejects_a_tampered_AnHop_packet(SrtpProfile profile)
    {
        var (key, salt) = Keys(profile, 46);
        using var anhop = new SrtpContext(profile, key, salt);
        using var libsrtp = new LibSrtp(profile, key, salt, outbound: false);
        var buffer = MakeRtp(7, Ssrc, 80);
        Assert.True(anhop.ProtectRtp(buffer, 92, out var protectedLength));
        buffer[50] ^= 0x40;
        Assert.Throws<InvalidOperationException>(() => libsrtp.UnprotectRtp(buffer, protectedLength));
    }
}
