using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RetransmissionBufferTests
{
    [Fact]
    public void A_stored_packet_is_found_by_sequence_number_until_overwritten_or_too_old()
    {
        var buffer = new RetransmissionBuffer(500, 1000);
        Assert.Equal(512, buffer.Capacity);
        Assert.True(buffer.Store(65535, [1, 2, 3], 0));
        Assert.True(buffer.TryGet(65535, 999, out var packet));
        Assert.Equal(new byte[] { 1, 2, 3 }, packet.ToArray());
        Assert.False(buffer.TryGet(65535, 1001, out _));
        Assert.False(buffer.TryGet(511, 0, out _));
        Assert.True(buffer.Store(511, [9], 5)); // 65535 + 512 wraps to the same slot
        Assert.False(buffer.TryGet(65535, 5, out _));
        Assert.True(buffer.Contains(511, 5));
    }

    [Fact]
    public void A_packet_larger_than_a_slot_is_not_stored()
    {
        var buffer = new RetransmissionBuffer(4, 1000);
        Assert.False(buffer.Store(1, new byte[RetransmissionBuffer.SlotSize + 1], 0));
        Assert.False(buffer.Contains(1, 0));
    }
}
