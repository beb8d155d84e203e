namespace AnHop.Media.Sfu.Routing;

/// <summary>Smoothing and hysteresis of <see cref="ActiveSpeakerObserver"/>.</summary>
public sealed record ActiveSpeakerOptions
{
    /// <summary>Weight of a new audio level in the moving average (0–1; small = smooth).</summary>
    public double Smoothing { get; init; } = 0.1;

    /// <summary>Loudness (127 − level in −dBov) a speaker must reach to count as speaking: 127 − 60 = −60 dBov.</summary>
    public double SpeakingThreshold { get; init; } = 67;

    /// <summary>How much louder than the dominant speaker a challenger must be to take over.</summary>
    public double Margin { get; init; } = 6;

    /// <summary>How long a challenger must stay louder before the dominant speaker changes.</summary>
    public long HoldMs { get; init; } = 600;

    /// <summary>A producer silent (no packets, e.g. Opus DTX) for this long counts as quiet.</summary>
    public long SilenceMs { get; init; } = 400;
}
