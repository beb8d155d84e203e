using System.Diagnostics;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.EndToEnd;

/// <summary>The probe is process-wide: the classes that turn it on share this collection, so they never run at once.</summary>
[CollectionDefinition(Name)]
public sealed class ForwardingDelayProbeCollection
{
    public const string Name = "ForwardingDelayProbe";
}

[Collection(ForwardingDelayProbeCollection.Name)]
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

    [Fact]
    public void The_probe_records_from_the_mark_on_the_same_thread_only_while_enabled_and_allocates_nothing()
    {
        ForwardingDelayProbe.MarkReceived();
        ForwardingDelayProbe.RecordForwarded();
        Assert.Null(ForwardingDelayProbe.Histogram);

        var histogram = ForwardingDelayProbe.Enable();
        try
        {
            Assert.Same(histogram, ForwardingDelayProbe.Histogram);
            ForwardingDelayProbe.MarkReceived();
            ForwardingDelayProbe.RecordForwarded();
            ForwardingDelayProbe.RecordForwarded();
            Assert.Equal(2, histogram.Count);
            Assert.InRange(histogram.Percentile(1), 0, 1_000_000);

            // Another thread that never marked records nothing.
            var other = new Thread(ForwardingDelayProbe.RecordForwarded);
            other.Start();
            other.Join();
            Assert.Equal(2, histogram.Count);

            AnHop.Media.Tests.Testing.Allocations.AssertNone(() =>
            {
                ForwardingDelayProbe.MarkReceived();
                ForwardingDelayProbe.RecordForwarded();
            });
        }
        finally
        {
            ForwardingDelayProbe.Disable();
        }

        ForwardingDelayProbe.RecordForwarded();
        Assert.Null(ForwardingDelayProbe.Histogram);
    }

    [Fact]
    public void Copies_queued_in_a_send_batch_are_recorded_when_the_batch_leaves()
    {
        var histogram = ForwardingDelayProbe.Enable();
        try
        {
            ForwardingDelayProbe.DeferToFlush = true;
            ForwardingDelayProbe.MarkReceived();
            ForwardingDelayProbe.RecordForwarded();
            ForwardingDelayProbe.RecordForwarded();
            ForwardingDelayProbe.RecordForwarded();
            Assert.Equal(0, histogram.Count);
            ForwardingDelayProbe.RecordDeferred();
            Assert.Equal(3, histogram.Count);
            ForwardingDelayProbe.RecordDeferred();
            Assert.Equal(3, histogram.Count);
        }
        finally
        {
            ForwardingDelayProbe.DeferToFlush = false;
            ForwardingDelayProbe.Disable();
        }

        ForwardingDelayProbe.RecordForwarded();
        Assert.Equal(3, histogram.Count);
    }
}
