using AnHop.Media.Srtp;

namespace AnHop.Media.Tests.Srtp;

/// <summary>The sliding window of RFC 3711 §3.3.2 over a multi-word bitmap.</summary>
public class SrtpReplayWindowTests
{
    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(1024)]
    public void Every_index_is_accepted_once_within_the_window(int bits)
    {
        var window = new SrtpReplayWindow(bits);
        var random = new Random(bits);
        var seen = new HashSet<ulong>();
        ulong highest = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly forward, sometimes a jump, sometimes late.
            var index = (ulong)Math.Max(0, (long)highest + random.Next(-bits - 20, 70));
            var reason = window.Check(index);
            if (index + (ulong)bits <= highest)
            {
                Assert.Equal(SrtpErrors.TooOld, reason);
                continue;
            }

            if (seen.Contains(index))
            {
                Assert.Equal(SrtpErrors.Replayed, reason);
                continue;
            }

            Assert.Null(reason);
            window.Accept(index);
            seen.Add(index);
            highest = Math.Max(highest, index);
        }
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(63UL)]
    [InlineData(64UL)]
    [InlineData(65UL)]
    [InlineData(130UL)]
    [InlineData(127UL)]
    [InlineData(128UL)]
    public void Shifting_keeps_the_bits_of_earlier_indices(ulong jump)
    {
        var window = new SrtpReplayWindow(128);
        window.Accept(1000);
        window.Accept(998);
        window.Accept(1000 + jump);
        Assert.Equal(SrtpErrors.Replayed, window.Check(1000 + jump));
        Assert.Equal(jump + 2 < 128 ? SrtpErrors.Replayed : SrtpErrors.TooOld, window.Check(998));
        Assert.Equal(jump < 128 ? SrtpErrors.Replayed : SrtpErrors.TooOld, window.Check(1000));
        Assert.Equal(jump + 1 < 128 ? null : SrtpErrors.TooOld, window.Check(999));
    }
}
