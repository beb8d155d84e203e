using System.Diagnostics;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.EndToEnd;

public class ForwardingDelayProbeTests
{
    [Fact]
    public void Histogram_percentiles_fall_in_the_bucket_of_the_recorded_delays_and_recording_allocates_nothing()
    {
        var histogram = new ForwardingDelayHistogram();
        Assert.Equal(0, histogram.Percentile(0.5));

        // 98 delays of 10 µs, one of 1,000 µs and one of 100,000 µs.
        for (var i = 0; i < 98; i++)
        {
            histogram.Record(10);
        }

        var before = histogram.Snapshot();
        histogram.Record(1_000);
        histogram.RecordTicks(Stopwatch.Frequency / 10);

        Assert.Equal(100, histogram.Count);
        Assert.Equal(10, histogram.Percentile(0.5));
        Assert.Equal(10, histogram.Percentile(0.98));
        Assert.InRange(histogram.Percentile(0.99), 1_000, 1_000 * 1.07);
        Assert.InRange(histogram.Percentile(1), 100_000, 100_000 * 1.07);
        var since = histogram.Since(before);
        Assert.Equal(2, since.Count);
        Assert.InRange(since.Percentile(0.5), 1_000, 1_070);

        // Every bucket's upper bound maps back into that bucket, so the bounds are consistent.
        for (var bucket = 0; bucket < 32 + (19 * 16); bucket++)
        {
            Assert.Equal(bucket, ForwardingDelayHistogram.BucketOf((long)ForwardingDelayHistogram.UpperBoundOf(bucket)));
        }

        Assert.Equal(ForwardingDelayHistogram.BucketOf(long.MaxValue), ForwardingDelayHistogram.BucketOf(1L << 40));
        Assert.Equal(0, ForwardingDelayHistogram.BucketOf(-5));
        AnHop.Media.Tests.Testing.Allocations.AssertNone(() => histogram.Record(12_345));
    }
}
