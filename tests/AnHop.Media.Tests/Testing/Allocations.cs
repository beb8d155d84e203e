namespace AnHop.Media.Tests.Testing;

/// <summary>Proves that a hot path allocates nothing on the managed heap.</summary>
public static class Allocations
{
    /// <summary>
    /// Runs <paramref name="action"/> until it is JIT-compiled at its final tier, then measures
    /// the bytes this thread allocates over <paramref name="iterations"/> further calls.
    /// </summary>
    public static long Measure(Action action, int iterations = 10_000)
    {
        for (var i = 0; i < 50_000; i++)
        {
            action();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    public static void AssertNone(Action action, int iterations = 10_000)
    {
        var bytes = Measure(action, iterations);
        Assert.True(bytes == 0, $"expected no allocation, measured {bytes} bytes over {iterations} calls");
    }
}
