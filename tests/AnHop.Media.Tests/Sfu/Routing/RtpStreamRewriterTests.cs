using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RtpStreamRewriterTests
{
    [Fact]
    public void Sequence_numbers_and_timestamps_continue_across_a_resync_to_a_new_source()
    {
        var rewriter = new RtpStreamRewriter(90000, 1000, 50_000);
        for (ushort i = 0; i < 5; i++)
        {
            Assert.True(rewriter.TryRewrite((ushort)(7000 + i), 123_000u + (i * 3000u), 10_000 + (i * 33), out var seq, out var ts));
            Assert.Equal((ushort)(1000 + i), seq);
            Assert.Equal(50_000u + (i * 3000u), ts);
        }

        // A new source (other layer) with unrelated numbers, 100 ms after the last packet.
        rewriter.Resync();
        Assert.True(rewriter.TryRewrite(60_000, 9_999_999, 10_000 + (4 * 33) + 100, out var next, out var nextTs));
        Assert.Equal((ushort)1005, next);
        Assert.Equal(50_000u + (4 * 3000u) + 9000u, nextTs);
        Assert.True(rewriter.TryRewrite(60_001, 9_999_999 + 3000, 10_300, out next, out nextTs));
        Assert.Equal((ushort)1006, next);
        Assert.Equal(50_000u + (4 * 3000u) + 12000u, nextTs);
    }

    [Fact]
    public void A_late_packet_of_the_previous_source_is_refused_after_a_switch()
    {
        var rewriter = new RtpStreamRewriter(90000, 1, 0);
        Assert.True(rewriter.TryRewrite(100, 0, 0, out _, out _));
        rewriter.Resync();
        Assert.True(rewriter.TryRewrite(5000, 0, 10, out _, out _));
        Assert.False(rewriter.TryRewrite(4999, 0, 11, out _, out _));
        Assert.True(rewriter.TryRewrite(5002, 0, 12, out var seq, out _));
        Assert.Equal((ushort)4, seq);
    }

    [Fact]
    public void Sequence_numbers_wrap_and_a_reordered_packet_keeps_its_place()
    {
        var rewriter = new RtpStreamRewriter(48000, 65534, 0);
        Assert.True(rewriter.TryRewrite(10, 0, 0, out var a, out _));
        Assert.True(rewriter.TryRewrite(12, 960, 20, out var c, out _));
        Assert.True(rewriter.TryRewrite(11, 480, 20, out var b, out _));
        Assert.Equal((ushort)65534, a);
        Assert.Equal((ushort)65535, b);
        Assert.Equal((ushort)0, c);
        Assert.Equal((ushort)0, rewriter.LastSequenceNumber);
    }

    [Fact]
    public void Skipping_the_newest_packet_leaves_no_gap()
    {
        var rewriter = new RtpStreamRewriter(90000, 10, 0);
        Assert.True(rewriter.TryRewrite(1, 0, 0, out _, out _));
        rewriter.Skip(2);
        Assert.True(rewriter.TryRewrite(3, 0, 0, out var seq, out _));
        Assert.Equal((ushort)11, seq);
    }

    [Fact]
    public void A_long_stream_keeps_flowing_across_many_sequence_number_wraps()
    {
        var rewriter = new RtpStreamRewriter(90000, 0, 0);
        for (var i = 0; i < 200_000; i++)
        {
            Assert.True(rewriter.TryRewrite((ushort)(1234 + i), (uint)i * 3000, i, out var seq, out _));
            Assert.Equal((ushort)i, seq);
        }
    }
}
