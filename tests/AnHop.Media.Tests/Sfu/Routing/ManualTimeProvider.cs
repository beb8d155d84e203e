namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>A clock the test moves by hand, in milliseconds.</summary>
public sealed class ManualTimeProvider : TimeProvider
{
    public long NowMs { get; set; } = 1_000_000;

    public override long TimestampFrequency => 1000;

    public override long GetTimestamp() => NowMs;

    public void Advance(long ms) => NowMs += ms;
}
