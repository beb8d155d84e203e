namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// What a consumer sent under each of its recent outgoing sequence numbers: the source layer, the producer's
/// sequence number and the outgoing timestamp, so that a subscriber's NACK (in the consumer's numbering) finds the
/// packet in the producer's retransmission buffer. A ring indexed by the outgoing sequence number; allocated once.
/// </summary>
internal sealed class SentPacketMap(int capacity)
{
    private readonly Entry[] _entries = new Entry[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(1, capacity))];

    public void Record(ushort outSequence, int layer, ushort inSequence, uint outTimestamp) =>
        _entries[outSequence & (_entries.Length - 1)] = new Entry(outSequence, (byte)layer, inSequence, outTimestamp, long.MinValue, true);

    public bool TryGet(ushort outSequence, out Entry entry)
    {
        entry = _entries[outSequence & (_entries.Length - 1)];
        return entry.Used && entry.OutSequence == outSequence;
    }

    public void MarkResent(ushort outSequence, long nowMs)
    {
        ref var entry = ref _entries[outSequence & (_entries.Length - 1)];
        if (entry.Used && entry.OutSequence == outSequence)
        {
            entry = entry with { LastResentMs = nowMs };
        }
    }

    internal readonly record struct Entry(ushort OutSequence, byte Layer, ushort InSequence, uint OutTimestamp, long LastResentMs, bool Used);
}
