namespace AnHop.Media.Sfu.Routing;

/// <summary>Tuning of one <see cref="Router"/>. Defaults follow what Chromium and mediasoup do.</summary>
public sealed record RouterOptions
{
    /// <summary>Where the router reads the time of packet arrivals and of <see cref="Router.Tick()"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Packets kept per video stream for retransmission (about 1–2 s of 720p).</summary>
    public int VideoRetransmissionPackets { get; init; } = 512;

    /// <summary>How long a stored packet may still be retransmitted.</summary>
    public long RetransmissionMaxAgeMs { get; init; } = 2000;

    /// <summary>Keyframe requests (PLI/FIR) to one producer stream are at most this often; later ones wait.</summary>
    public long KeyframeRequestIntervalMs { get; init; } = 500;

    /// <summary>Interval of Receiver Reports and REMB towards publishers.</summary>
    public long ReceiverReportIntervalMs { get; init; } = 1000;

    /// <summary>What the SFU tells each publisher it can receive per transport (REMB), at most.</summary>
    public ulong MaxIncomingBitrate { get; init; } = 2_500_000;

    /// <summary>What the SFU tells a publisher at least, so that it never starves its lowest layer.</summary>
    public ulong MinIncomingBitrate { get; init; } = 150_000;

    /// <summary>A subscriber transport's bandwidth estimate before any REMB or RR arrived.</summary>
    public ulong InitialOutgoingBitrate { get; init; } = 1_000_000;

    /// <summary>The bandwidth estimate of a subscriber never goes above this.</summary>
    public ulong MaxOutgoingBitrate { get; init; } = 10_000_000;

    /// <summary>The bandwidth estimate never goes below this (the lowest simulcast layer stays reachable).</summary>
    public ulong MinOutgoingBitrate { get; init; } = 100_000;

    /// <summary>A REMB from a subscriber rules over loss-based estimation for this long.</summary>
    public long RembValidityMs { get; init; } = 3000;

    /// <summary>A simulcast layer that received nothing for this long is not chosen.</summary>
    public long LayerInactivityMs { get; init; } = 1500;

    /// <summary>Window of the per-layer bitrate measurement.</summary>
    public long BitrateWindowMs { get; init; } = 1000;

    /// <summary>
    /// Worker threads that share the copies of one packet with the receiving thread when a stream has at least
    /// <see cref="FanOutThreshold"/> consumers; 0 forwards every copy on the receiving thread. Default: one per core
    /// but the receiving one, at most 8.
    /// </summary>
    public int FanOutWorkers { get; init; } = Math.Clamp(Environment.ProcessorCount - 1, 0, 8);

    /// <summary>Consumers of one stream from which its packets are fanned out over <see cref="FanOutWorkers"/>.</summary>
    public int FanOutThreshold { get; init; } = 32;

    public NackOptions Nack { get; init; } = new();

    public ActiveSpeakerOptions ActiveSpeaker { get; init; } = new();
}
