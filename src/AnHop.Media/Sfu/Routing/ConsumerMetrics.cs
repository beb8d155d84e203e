namespace AnHop.Media.Sfu.Routing;

/// <summary>Counters of one consumer (Interlocked, read through <see cref="Snapshot"/>).</summary>
public sealed class ConsumerMetrics
{
    private long _packetsOut;
    private long _bytesOut;
    private long _payloadBytesOut;
    private long _sendFailures;
    private long _nacksReceived;
    private long _nackedPackets;
    private long _retransmissions;
    private long _retransmissionMisses;
    private long _plisReceived;
    private long _firsReceived;
    private long _keyframeRequests;
    private long _layerSwitches;
    private long _roundTripTimeMicros = -1;

    internal long PacketsOut => Interlocked.Read(ref _packetsOut);

    internal long PayloadBytesOut => Interlocked.Read(ref _payloadBytesOut);

    internal void OnSent(int bytes, int payloadBytes)
    {
        Interlocked.Increment(ref _packetsOut);
        Interlocked.Add(ref _bytesOut, bytes);
        Interlocked.Add(ref _payloadBytesOut, payloadBytes);
    }

    internal void OnSendFailure() => Interlocked.Increment(ref _sendFailures);

    internal void OnNack(int packets)
    {
        Interlocked.Increment(ref _nacksReceived);
        Interlocked.Add(ref _nackedPackets, packets);
    }

    internal void OnRetransmission() => Interlocked.Increment(ref _retransmissions);

    internal void OnRetransmissionMiss() => Interlocked.Increment(ref _retransmissionMisses);

    internal void OnPli() => Interlocked.Increment(ref _plisReceived);

    internal void OnFir() => Interlocked.Increment(ref _firsReceived);

    internal void OnKeyframeRequest() => Interlocked.Increment(ref _keyframeRequests);

    internal void OnLayerSwitch() => Interlocked.Increment(ref _layerSwitches);

    internal void OnRoundTripTime(long micros) => Interlocked.Exchange(ref _roundTripTimeMicros, micros);

    public ConsumerMetricsSnapshot Snapshot()
    {
        var rtt = Interlocked.Read(ref _roundTripTimeMicros);
        return new ConsumerMetricsSnapshot(
            Interlocked.Read(ref _packetsOut),
            Interlocked.Read(ref _bytesOut),
            Interlocked.Read(ref _sendFailures),
            Interlocked.Read(ref _nacksReceived),
            Interlocked.Read(ref _nackedPackets),
            Interlocked.Read(ref _retransmissions),
            Interlocked.Read(ref _retransmissionMisses),
            Interlocked.Read(ref _plisReceived),
            Interlocked.Read(ref _firsReceived),
            Interlocked.Read(ref _keyframeRequests),
            Interlocked.Read(ref _layerSwitches),
            rtt < 0 ? null : TimeSpan.FromMicroseconds(rtt));
    }
}

/// <param name="PacketsOut">Media packets handed to the transport (retransmissions not included).</param>
/// <param name="BytesOut">Their bytes (plain RTP).</param>
/// <param name="SendFailures">Packets the transport refused (not connected, cannot protect).</param>
/// <param name="NacksReceived">Generic NACK packets from the subscriber.</param>
/// <param name="NackedPackets">Sequence numbers asked for in them.</param>
/// <param name="Retransmissions">Packets resent (as RTX where negotiated).</param>
/// <param name="RetransmissionMisses">Asked-for packets no longer (or never) in the buffer.</param>
/// <param name="PlisReceived">PLIs from the subscriber.</param>
/// <param name="FirsReceived">FIRs from the subscriber.</param>
/// <param name="KeyframeRequests">Keyframes this consumer asked of its producer (start, switch, PLI/FIR).</param>
/// <param name="LayerSwitches">Simulcast layer changes carried out (at a keyframe).</param>
/// <param name="RoundTripTime">From the subscriber's RR (LSR/DLSR) on our forwarded SRs; null before one.</param>
public readonly record struct ConsumerMetricsSnapshot(
    long PacketsOut,
    long BytesOut,
    long SendFailures,
    long NacksReceived,
    long NackedPackets,
    long Retransmissions,
    long RetransmissionMisses,
    long PlisReceived,
    long FirsReceived,
    long KeyframeRequests,
    long LayerSwitches,
    TimeSpan? RoundTripTime);
