using System.Diagnostics;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// A lock-free histogram of delays in microseconds: exact below 32 µs, then 16 buckets per power of two (about 6 %
/// resolution) up to ~16 s; longer delays land in the last bucket. <see cref="Record"/> is one
/// <see cref="Interlocked.Increment(ref long)"/> and allocates nothing.
/// </summary>
public sealed class ForwardingDelayHistogram
{
    private const int LinearBuckets = 32;
    private const int SubBuckets = 16;
    private const int FirstExponent = 5;
    private const int LastExponent = 23;
    private const int BucketCount = LinearBuckets + ((LastExponent - FirstExponent + 1) * SubBuckets);

    private readonly long[] _counts;

    public ForwardingDelayHistogram()
        : this(new long[BucketCount])
    {
    }

    private ForwardingDelayHistogram(long[] counts) => _counts = counts;

    /// <summary>Delays recorded so far.</summary>
    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Records a delay given in <see cref="Stopwatch"/> ticks.</summary>
    public void RecordTicks(long ticks) => Record(ticks <= 0 ? 0 : ticks * 1_000_000 / Stopwatch.Frequency);

    /// <summary>Records <paramref name="count"/> copies that left together after <paramref name="ticks"/>.</summary>
    public void RecordTicks(long ticks, int count) =>
        Interlocked.Add(ref _counts[BucketOf(ticks <= 0 ? 0 : ticks * 1_000_000 / Stopwatch.Frequency)], count);

    /// <summary>Records a delay in microseconds (negative counts as 0).</summary>
    public void Record(long microseconds) => Interlocked.Increment(ref _counts[BucketOf(microseconds)]);

    /// <summary>The upper bound (µs) of the bucket holding the <paramref name="quantile"/> (0–1) of the delays; 0 when empty.</summary>
    public double Percentile(double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(quantile * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return UpperBoundOf(i);
            }
        }

        return UpperBoundOf(_counts.Length - 1);
    }

    /// <summary>A copy of the counts now (not atomic as a whole: each bucket is exact).</summary>
    public ForwardingDelayHistogram Snapshot()
    {
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Interlocked.Read(ref _counts[i]);
        }

        return new ForwardingDelayHistogram(copy);
    }

    /// <summary>What was recorded since <paramref name="earlier"/> (a snapshot of this histogram).</summary>
    public ForwardingDelayHistogram Since(ForwardingDelayHistogram earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var copy = new long[_counts.Length];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = Math.Max(0, Interlocked.Read(ref _counts[i]) - Interlocked.Read(ref earlier._counts[i]));
        }

        return new ForwardingDelayHistogram(copy);
    }

    internal static int BucketOf(long microseconds)
    {
        if (microseconds < LinearBuckets)
        {
            return microseconds < 0 ? 0 : (int)microseconds;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(microseconds);
        if (exponent > LastExponent)
        {
            return BucketCount - 1;
        }

        var sub = (int)(microseconds >> (exponent - 4)) & (SubBuckets - 1);
        return LinearBuckets + ((exponent - FirstExponent) * SubBuckets) + sub;
    }

    internal static double UpperBoundOf(int bucket)
    {
        if (bucket < LinearBuckets)
        {
            return bucket;
        }

        var exponent = FirstExponent + ((bucket - LinearBuckets) / SubBuckets);
        var sub = (bucket - LinearBuckets) % SubBuckets;
        var step = 1L << (exponent - 4);
        return (1L << exponent) + ((sub + 1) * step) - 1;
    }
}
