using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class NackGeneratorTests
{
    private static readonly NackOptions Options = new() { MaxRetries = 3, RetryIntervalMs = 100, MaxAgeMs = 1000, MaxMissing = 16 };

    [Fact]
    public void A_gap_is_nacked_at_once_then_retried_each_interval_then_given_up()
    {
        var nack = new NackGenerator(Options);
        var due = new ushort[16];
        nack.OnPacket(65533, 0);
        nack.OnPacket(1, 0); // 65534, 65535, 0 lost across the wrap
        Assert.Equal(3, nack.CollectDue(0, due));
        Assert.Equal(new ushort[] { 65534, 65535, 0 }, due[..3]);
        Assert.Equal(0, nack.CollectDue(50, due));
        Assert.Equal(3, nack.CollectDue(100, due));
        Assert.Equal(3, nack.CollectDue(200, due));
        Assert.Equal(0, nack.CollectDue(300, due));
        Assert.Equal(0, nack.MissingCount);
        Assert.Equal(3, nack.GivenUp);
    }

    [Fact]
    public void A_packet_that_arrives_late_is_no_longer_nacked()
    {
        var nack = new NackGenerator(Options);
        var due = new ushort[16];
        nack.OnPacket(10, 0);
        nack.OnPacket(13, 0);
        Assert.Equal(2, nack.CollectDue(0, due));
        nack.OnPacket(11, 30);
        Assert.Equal(1, nack.Recovered);
        Assert.Equal(1, nack.CollectDue(100, due));
        Assert.Equal((ushort)12, due[0]);
    }

    [Fact]
    public void An_old_gap_is_given_up_by_age()
    {
        var nack = new NackGenerator(Options with { MaxRetries = 100 });
        var due = new ushort[16];
        nack.OnPacket(1, 0);
        nack.OnPacket(3, 0);
        Assert.Equal(1, nack.CollectDue(0, due));
        Assert.Equal(0, nack.CollectDue(1001, due));
        Assert.Equal(1, nack.GivenUp);
    }

    [Fact]
    public void A_gap_larger_than_the_list_asks_for_a_keyframe_instead()
    {
        var nack = new NackGenerator(Options);
        nack.OnPacket(1, 0);
        Assert.True(nack.OnPacket(100, 0));
        Assert.Equal(0, nack.MissingCount);
        Assert.False(nack.OnPacket(101, 0));
    }
}
