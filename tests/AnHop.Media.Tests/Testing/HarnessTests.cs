using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests;

public class HarnessTests
{
    [Fact]
    public void Fuzzer_reports_a_parser_that_throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Fuzzer.Run("harness-self-test",
            static input => { if (input.Length > 3 && input[0] == 0x42) { throw new FormatException("boom"); } },
            [[0x42, 0, 0, 0, 0]], iterations: 10_000));
        Assert.Contains("harness-self-test", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocation_probe_sees_an_allocation()
    {
        Assert.True(Allocations.Measure(static () => GC.KeepAlive(new byte[16]), 100) > 0);
        Allocations.AssertNone(static () => { Span<byte> s = stackalloc byte[16]; s[0] = 1; });
    }
}
