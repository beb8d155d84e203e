using AnHop.Media.Srtp;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>Rollover counter and index estimation (RFC 3711 §3.3.1, Appendix A).</summary>
public class SrtpRolloverTests
{
    private const uint Ssrc = 0x01020304;

    [Theory]
    [InlineData(0UL, 5, 5UL)]                             // ROC 0 never goes back
    [InlineData(100UL, 60000, 60000UL)]                    // far ahead while ROC is 0 (libsrtp agrees)
    [InlineData(65535UL, 0, 65536UL)]                      // wrap: ROC + 1
    [InlineData(65535UL, 3, 65539UL)]
    [InlineData(65536UL + 2, 65534, 65534UL)]              // late packet from before the wrap: ROC − 1
    [InlineData(65536UL + 40000, 1000, (2 * 65536UL) + 1000)]
    [InlineData((5 * 65536UL) + 100, 200, (5 * 65536UL) + 200)]
    public void Index_estimate_follows_appendix_A(ulong highest, int sequenceNumber, ulong expected) =>
        Assert.Equal(expected, SrtpIndex.Estimate(highest, (ushort)sequenceNumber));

    private static (byte[] Plain, byte[] Wire) Protect(SrtpContext sender, ushort seq)
    {
        var buffer = MakeRtp(seq, Ssrc, 64, fill: (byte)seq);
        var plain = buffer[..76];
        Assert.True(sender.ProtectRtp(buffer, 76, out var n));
        return (plain, buffer[..n]);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Roc_rolls_over_past_65535_on_both_sides(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        for (var i = 0; i < 20; i++)
        {
            var (plain, wire) = Protect(sender, unchecked((ushort)(65530 + i)));
            Assert.True(receiver.UnprotectRtp(wire, out var n, out var reason), reason);
            Assert.Equal(plain, wire[..n]);
        }

        Assert.True(sender.TryGetOutboundRolloverCounter(Ssrc, out var sent));
        Assert.True(receiver.TryGetInboundRolloverCounter(Ssrc, out var received));
        Assert.Equal(1u, sent);
        Assert.Equal(1u, received);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Out_of_order_packets_around_the_wrap_all_decrypt_once(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var packets = new List<(byte[] Plain, byte[] Wire)>();
        for (var i = 0; i < 16; i++)
        {
            packets.Add(Protect(sender, unchecked((ushort)(65528 + i))));
        }

        // 65528 first, then a shuffle that crosses the wrap in both directions.
        int[] order = [0, 9, 1, 8, 2, 15, 7, 3, 10, 6, 4, 14, 5, 11, 13, 12];
        foreach (var i in order)
        {
            var wire = (byte[])packets[i].Wire.Clone();
            Assert.True(receiver.UnprotectRtp(wire, out var n, out var reason), $"packet {i}: {reason}");
            Assert.Equal(packets[i].Plain, wire[..n]);
        }

        foreach (var (_, wire) in packets)
        {
            Assert.False(receiver.UnprotectRtp((byte[])wire.Clone(), out _, out var reason));
            Assert.Equal(SrtpErrors.Replayed, reason);
        }

        Assert.True(receiver.TryGetInboundRolloverCounter(Ssrc, out var roc));
        Assert.Equal(1u, roc);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Packet_older_than_the_window_is_refused(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);
        var (_, old) = Protect(sender, 1);
        for (var seq = 2; seq <= 1102; seq += 100)
        {
            Assert.True(receiver.UnprotectRtp(Protect(sender, (ushort)seq).Wire, out _));
        }

        Assert.False(receiver.UnprotectRtp(old, out _, out var reason));
        Assert.Equal(SrtpErrors.TooOld, reason);
    }

    [Theory]
    [InlineData(SrtpProfile.Aes128CmHmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Sender_keeps_counting_rollovers(SrtpProfile profile)
    {
        using var sender = Context(profile);
        using var receiver = Context(profile);

        // Three wraps in steps of 20000, which the receiver can follow.
        var seq = 0;
        for (var i = 0; i < 11; i++)
        {
            var (plain, wire) = Protect(sender, unchecked((ushort)seq));
            Assert.True(receiver.UnprotectRtp(wire, out var n, out var reason), reason);
            Assert.Equal(plain, wire[..n]);
            seq += 20000;
        }

        Assert.True(sender.TryGetOutboundRolloverCounter(Ssrc, out var roc));
        Assert.Equal(3u, roc);
        Assert.True(receiver.TryGetInboundRolloverCounter(Ssrc, out roc));
        Assert.Equal(3u, roc);
    }
}
