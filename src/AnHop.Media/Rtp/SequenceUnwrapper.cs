namespace AnHop.Media.Rtp;

/// <summary>
/// Extends 16-bit RTP sequence numbers to a 64-bit packet index by counting rollovers, for NACK and SRTP
/// (the index is ROC·2^16 + SEQ, RFC 3711 §3.3.1). Each number is placed within 2^15 of the highest index
/// seen so far, so reordered packets land before it without moving it. The first number is its own index;
/// a packet that precedes it across a wrap gets a negative index, which SRTP callers reject.
/// Not thread-safe: one per stream, owned by its receive path.
/// </summary>
public sealed class SequenceUnwrapper
{
    private long _highest;

    public bool HasStarted { get; private set; }

    /// <summary>The highest index seen; meaningful once <see cref="HasStarted"/>.</summary>
    public long HighestIndex => _highest;

    /// <summary>Rollover count of the highest index: the SRTP ROC.</summary>
    public uint RolloverCount => (uint)(_highest >> 16);

    /// <summary>The index <paramref name="sequenceNumber"/> would get, without recording it (e.g. before SRTP authentication).</summary>
    public long Peek(ushort sequenceNumber) =>
        HasStarted ? _highest + RtpSequenceNumber.Difference(sequenceNumber, (ushort)_highest) : sequenceNumber;

    /// <summary>Records an index from <see cref="Peek"/> once the packet is accepted.</summary>
    public void Update(long index)
    {
        if (!HasStarted || index > _highest)
        {
            _highest = index;
            HasStarted = true;
        }
    }

    /// <summary>Peek and Update in one step.</summary>
    public long Unwrap(ushort sequenceNumber)
    {
        var index = Peek(sequenceNumber);
        Update(index);
        return index;
    }

    /// <summary>Starts over at a known index (e.g. a ROC learnt from signalling).</summary>
    public void Reset(long highestIndex)
    {
        _highest = highestIndex;
        HasStarted = true;
    }

    public void Reset()
    {
        _highest = 0;
        HasStarted = false;
    }
}
