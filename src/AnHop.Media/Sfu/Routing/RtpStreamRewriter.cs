using AnHop.Media.Rtp;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Maps the sequence numbers and timestamps of whatever source a consumer currently forwards (one simulcast
/// layer, after a pause, after a switch) onto one continuous outgoing stream. After <see cref="Resync"/> the next
/// forwarded packet continues right after the last one sent: sequence number + 1, and a timestamp advanced by
/// the wall-clock time that passed (at least one tick), so the receiver's jitter buffer sees no jump.
/// Packets of the old source that arrive late after a switch are refused rather than sent with colliding numbers.
/// Not thread-safe: owned by one consumer under the router's lock.
/// </summary>
public sealed class RtpStreamRewriter
{
    private readonly int _clockRate;
    private bool _started;
    private bool _resyncPending = true;
    private ushort _sequenceOffset;
    private uint _timestampOffset;
    private ushort _lastSequence;
    private uint _lastTimestamp;
    private long _lastSentMs;
    private ushort _firstInputSequence;
    private ushort _highestInputSequence;

    /// <summary>How far behind the newest input the refusal floor trails, so it never wraps into the future.</summary>
    private const int FloorLag = 0x4000;

    /// <param name="clockRate">The RTP clock of the codec, to turn wall-clock gaps into timestamp gaps.</param>
    /// <param name="initialSequence">The first outgoing sequence number (random per consumer, RFC 3550 §5.1).</param>
    /// <param name="initialTimestamp">The first outgoing timestamp (random per consumer).</param>
    public RtpStreamRewriter(int clockRate, ushort initialSequence, uint initialTimestamp)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        _clockRate = clockRate;
        _lastSequence = (ushort)(initialSequence - 1);
        _lastTimestamp = initialTimestamp;
    }

    /// <summary>The last outgoing sequence number (the initial one - 1 before anything was sent).</summary>
    public ushort LastSequenceNumber => _lastSequence;

    public uint LastTimestamp => _lastTimestamp;

    /// <summary>Added to an incoming timestamp to get the outgoing one (for Sender Report mapping).</summary>
    public uint TimestampOffset => _timestampOffset;

    /// <summary>True until the first packet after construction or <see cref="Resync"/> has been mapped.</summary>
    public bool ResyncPending => _resyncPending;

    /// <summary>The next packet starts a new source (layer switch, resume): rebase on it.</summary>
    public void Resync() => _resyncPending = true;

    /// <summary>
    /// Maps one incoming packet. False when it must not be sent: a packet older than the first one of the current source.
    /// </summary>
    public bool TryRewrite(ushort sequenceNumber, uint timestamp, long nowMs, out ushort outSequence, out uint outTimestamp)
    {
        if (_resyncPending)
        {
            _sequenceOffset = (ushort)(_lastSequence + 1 - sequenceNumber);
            var elapsedTicks = _started ? Math.Max(1, (nowMs - _lastSentMs) * _clockRate / 1000) : 0;
            _timestampOffset = (uint)(_lastTimestamp + (uint)elapsedTicks - timestamp);
            _firstInputSequence = sequenceNumber;
            _highestInputSequence = sequenceNumber;
            _resyncPending = false;
            _started = true;
        }
        else if (RtpSequenceNumber.IsNewer(_firstInputSequence, sequenceNumber))
        {
            outSequence = 0;
            outTimestamp = 0;
            return false;
        }
        else if (RtpSequenceNumber.IsNewer(sequenceNumber, _highestInputSequence))
        {
            // The floor follows the stream at a distance: a long stream must not wrap past it and be refused.
            _highestInputSequence = sequenceNumber;
            if (RtpSequenceNumber.Difference(sequenceNumber, _firstInputSequence) > FloorLag)
            {
                _firstInputSequence = (ushort)(sequenceNumber - FloorLag);
            }
        }

        outSequence = (ushort)(sequenceNumber + _sequenceOffset);
        outTimestamp = timestamp + _timestampOffset;
        if (RtpSequenceNumber.IsNewer(outSequence, _lastSequence))
        {
            _lastSequence = outSequence;
            _lastTimestamp = outTimestamp;
            _lastSentMs = nowMs;
        }

        return true;
    }

    /// <summary>
    /// Skips an incoming packet that will not be sent (padding only) without leaving a gap that the receiver would NACK.
    /// Only the newest packet can be skipped this way; an older one is simply not sent.
    /// </summary>
    public void Skip(ushort sequenceNumber)
    {
        if (!_resyncPending && (ushort)(sequenceNumber + _sequenceOffset) == (ushort)(_lastSequence + 1))
        {
            _sequenceOffset--;
        }
    }
}
