namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// The last packets of one received stream, kept so that subscribers' NACKs can be answered (RFC 4585 §6.2.1).
/// A ring of fixed-size slots in one array allocated up front, indexed by the 16-bit sequence number, so storing
/// and looking up allocate nothing. A slot is overwritten by the packet 'capacity' numbers later, and a packet
/// older than the age limit is no longer served: a retransmission that late only disturbs the receiver.
/// Not thread-safe: used under the router's lock.
/// </summary>
public sealed class RetransmissionBuffer
{
    /// <summary>Largest packet stored: an Ethernet MTU; browsers send about 1,200 bytes.</summary>
    public const int SlotSize = 1500;

    private readonly byte[] _data;
    private readonly Slot[] _slots;
    private readonly int _mask;
    private readonly long _maxAgeMs;

    /// <param name="capacity">Packets kept; rounded up to a power of two.</param>
    /// <param name="maxAgeMs">How long a packet may be served after it arrived.</param>
    public RetransmissionBuffer(int capacity, long maxAgeMs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 15);
        var size = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity);
        _data = new byte[size * SlotSize];
        _slots = new Slot[size];
        _mask = size - 1;
        _maxAgeMs = maxAgeMs;
    }

    public int Capacity => _slots.Length;

    /// <summary>Copies the packet in; false (nothing stored) when it is larger than a slot.</summary>
    public bool Store(ushort sequenceNumber, ReadOnlySpan<byte> packet, long nowMs)
    {
        if (packet.Length > SlotSize || packet.IsEmpty)
        {
            return false;
        }

        var index = sequenceNumber & _mask;
        packet.CopyTo(_data.AsSpan(index * SlotSize, SlotSize));
        _slots[index] = new Slot(sequenceNumber, packet.Length, nowMs, true);
        return true;
    }

    /// <summary>The stored packet with this sequence number, if it is still there and young enough.</summary>
    public bool TryGet(ushort sequenceNumber, long nowMs, out ReadOnlySpan<byte> packet)
    {
        var index = sequenceNumber & _mask;
        var slot = _slots[index];
        if (!slot.Used || slot.SequenceNumber != sequenceNumber || nowMs - slot.StoredAtMs > _maxAgeMs)
        {
            packet = default;
            return false;
        }

        packet = _data.AsSpan(index * SlotSize, slot.Length);
        return true;
    }

    public bool Contains(ushort sequenceNumber, long nowMs) => TryGet(sequenceNumber, nowMs, out _);

    public void Clear() => Array.Clear(_slots);

    private readonly record struct Slot(ushort SequenceNumber, int Length, long StoredAtMs, bool Used);
}
