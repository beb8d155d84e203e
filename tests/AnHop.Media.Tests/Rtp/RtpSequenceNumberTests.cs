using AnHop.Media.Rtp;
using CsCheck;

namespace AnHop.Media.Tests.Rtp;

public class RtpSequenceNumberTests
{
    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(0, 65535, true)]       // wraps forward
    [InlineData(65535, 0, false)]
    [InlineData(100, 100, false)]      // equal is not newer
    [InlineData(0x7FFF, 0, true)]      // largest step ahead
    [InlineData(0x8000, 0, false)]     // RFC 1982 §3.2: 2^15 apart is undefined, false both ways
    [InlineData(0, 0x8000, false)]
    [InlineData(0x8001, 0, false)]     // that far ahead is behind
    [InlineData(10, 65530, true)]
    public void IsNewer_follows_rfc1982_serial_arithmetic(int value, int than, bool newer) =>
        Assert.Equal(newer, RtpSequenceNumber.IsNewer((ushort)value, (ushort)than));

    [Theory]
    [InlineData(5, 3, 2)]
    [InlineData(3, 5, -2)]
    [InlineData(2, 65534, 4)]
    [InlineData(65534, 2, -4)]
    [InlineData(0x8000, 0, -0x8000)]
    [InlineData(0x7FFF, 0, 0x7FFF)]
    public void Difference_takes_the_shorter_way_round(int to, int from, int expected) =>
        Assert.Equal(expected, RtpSequenceNumber.Difference((ushort)to, (ushort)from));

    [Fact]
    public void IsNewer_is_antisymmetric() => Gen.Select(Gen.UShort, Gen.UShort).Sample((a, b) =>
        Assert.False(RtpSequenceNumber.IsNewer(a, b) && RtpSequenceNumber.IsNewer(b, a)));

    [Fact]
    public void Unwrapper_counts_rollovers_forward()
    {
        var unwrapper = new SequenceUnwrapper();
        Assert.False(unwrapper.HasStarted);
        Assert.Equal(65534, unwrapper.Unwrap(65534));
        Assert.Equal(65535, unwrapper.Unwrap(65535));
        Assert.Equal(65536, unwrapper.Unwrap(0));
        Assert.Equal(65537, unwrapper.Unwrap(1));
        Assert.Equal(1u, unwrapper.RolloverCount);
        Assert.True(unwrapper.HasStarted);
    }

    [Fact]
    public void Unwrapper_places_reordered_packets_before_the_highest_without_moving_it()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(65535);
        Assert.Equal(65537, unwrapper.Unwrap(1));
        Assert.Equal(65534, unwrapper.Unwrap(65534)); // late, from before the wrap
        Assert.Equal(65537, unwrapper.HighestIndex);
        Assert.Equal(65538, unwrapper.Unwrap(2));
    }

    [Fact]
    public void Unwrapper_peek_does_not_record_until_update()
    {
        var unwrapper = new SequenceUnwrapper();
        Assert.Equal(7, unwrapper.Peek(7));
        Assert.False(unwrapper.HasStarted);
        unwrapper.Update(unwrapper.Peek(65535));
        Assert.Equal(65536, unwrapper.Peek(0));
        Assert.Equal(65535, unwrapper.HighestIndex);
        Assert.Equal(-6, SequenceUnwrapperFixture(5).Peek(65530)); // before the first packet, across a wrap
    }

    [Fact]
    public void Unwrapper_reset_starts_at_a_known_index()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Reset((3L << 16) + 10);
        Assert.Equal(3u, unwrapper.RolloverCount);
        Assert.Equal((3L << 16) + 11, unwrapper.Unwrap(11));
        unwrapper.Reset();
        Assert.False(unwrapper.HasStarted);
        Assert.Equal(42, unwrapper.Unwrap(42));
    }

    [Fact]
    public void Unwrapping_an_increasing_index_stream_recovers_it() =>
        Gen.Select(Gen.Long[0, 1L << 40], Gen.Int[1, 0x7FFF].Array[1, 200]).Sample((start, steps) =>
        {
            var unwrapper = new SequenceUnwrapper();
            unwrapper.Reset(start);
            var index = start;
            foreach (var step in steps)
            {
                index += step;
                Assert.Equal(index, unwrapper.Unwrap((ushort)index));
            }
        });

    private static SequenceUnwrapper SequenceUnwrapperFixture(ushort first)
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(first);
        return unwrapper;
    }
}
