namespace AnHop.Media.Sfu.Routing;

/// <summary>How the SFU NACKs a publisher's lost packets.</summary>
public sealed record NackOptions
{
    /// <summary>Times one lost packet is asked for before it is given up.</summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>Wait between two NACKs of the same packet: about one round trip.</summary>
    public long RetryIntervalMs { get; init; } = 100;

    /// <summary>After this a lost packet is useless to the receivers and is given up.</summary>
    public long MaxAgeMs { get; init; } = 1000;

    /// <summary>Lost packets tracked at once; a larger gap asks for a keyframe instead.</summary>
    public int MaxMissing { get; init; } = 256;
}
