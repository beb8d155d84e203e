namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Counters of one producer, updated on the receive path with Interlocked operations so that a metrics reader on
/// another thread sees whole values. Read them through <see cref="Snapshot"/>.
/// </summary>
public sealed class ProducerMetrics
{
    private long _packetsIn;
    private long _bytesIn;
    private long _retransmissionsIn;
    private long _packetsDropped;
    private long _nacksSent;
    private long _nackedPackets;
    private long _plisSent;
    private long _firsSent;
    private long _keyframeRequests;
    private long _keyframeRequestsThrottled;

    internal void OnPacket(int bytes, bool retransmission)
    {
        Interlocked.Increment(ref _packetsIn);
        Interlocked.Add(ref _bytesIn, bytes);
        if (retransmission)
        {
            Interlocked.Increment(ref _retransmissionsIn);
        }
    }

    internal void OnDrop() => Interlocked.Increment(ref _packetsDropped);

    internal void OnNackSent(int packets)
    {
        Interlocked.Increment(ref _nacksSent);
        Interlocked.Add(ref _nackedPackets, packets);
    }

    internal void OnPliSent() => Interlocked.Increment(ref _plisSent);

    internal void OnFirSent() => Interlocked.Increment(ref _firsSent);

    internal void OnKeyframeRequest() => Interlocked.Increment(ref _keyframeRequests);

    internal void OnKeyframeRequestThrottled() => Interlocked.Increment(ref _keyframeRequestsThrottled);

    public ProducerMetricsSnapshot Snapshot() => new(
        Interlocked.Read(ref _packetsIn),
        Interlocked.Read(ref _bytesIn),
        Interlocked.Read(ref _retransmissionsIn),
        Interlocked.Read(ref _packetsDropped),
        Interlocked.Read(ref _nacksSent),
        Interlocked.Read(ref _nackedPackets),
        Interlocked.Read(ref _plisSent),
        Interlocked.Read(ref _firsSent),
        Interlocked.Read(ref _keyframeRequests),
        Interlocked.Read(ref _keyframeRequestsThrottled));
}

/// <param name="PacketsIn">RTP packets received, retransmissions included.</param>
/// <param name="BytesIn">Their bytes (plain RTP).</param>
/// <param name="RetransmissionsIn">Packets that came as RTX.</param>
/// <param name="PacketsDropped">Packets refused (malformed RTX, unknown layer, too large).</param>
/// <param name="NacksSent">Generic NACK packets sent to the publisher.</param>
/// <param name="NackedPackets">Sequence numbers asked for in them.</param>
/// <param name="PlisSent">PLIs sent to the publisher.</param>
/// <param name="FirsSent">FIRs sent to the publisher.</param>
/// <param name="KeyframeRequests">Keyframes wanted (by consumers starting, switching, or subscribers' PLI/FIR).</param>
/// <param name="KeyframeRequestsThrottled">Of those, the ones folded into a later request by the throttle.</param>
public readonly record struct ProducerMetricsSnapshot(
    long PacketsIn,
    long BytesIn,
    long RetransmissionsIn,
    long PacketsDropped,
    long NacksSent,
    long NackedPackets,
    long PlisSent,
    long FirsSent,
    long KeyframeRequests,
    long KeyframeRequestsThrottled);
