using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// Yields (sequence number, status, receive delta) for each packet of validated transport-wide CC
/// feedback, walking the packet chunks and the receive deltas side by side without allocating.
/// </summary>
public ref struct TransportCcPacketEnumerator
{
    private readonly ReadOnlySpan<byte> _chunks;
    private readonly ReadOnlySpan<byte> _deltas;
    private int _chunkOffset;
    private int _deltaOffset;
    private int _remaining;
    private ushort _sequence;
    private int _chunk;
    private int _symbolIndex;
    private int _symbolsInChunk;
    private long _ticks;

    internal TransportCcPacketEnumerator(ReadOnlySpan<byte> chunks, ReadOnlySpan<byte> deltas, ushort baseSequence,
        int statusCount, int referenceTime)
    {
        _chunks = chunks;
        _deltas = deltas;
        _chunkOffset = 0;
        _deltaOffset = 0;
        _remaining = statusCount;
        _sequence = baseSequence;
        _chunk = 0;
        _symbolIndex = 0;
        _symbolsInChunk = 0;
        _ticks = (long)referenceTime * TransportCcFeedback.TicksPerReferenceUnit;
        Current = default;
    }

    public TransportCcPacket Current { get; private set; }

    public readonly TransportCcPacketEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining == 0)
        {
            return false;
        }

        while (_symbolIndex >= _symbolsInChunk)
        {
            if (_chunkOffset + 2 > _chunks.Length)
            {
                _remaining = 0;
                return false;
            }

            _chunk = BinaryPrimitives.ReadUInt16BigEndian(_chunks[_chunkOffset..]);
            _chunkOffset += 2;
            _symbolIndex = 0;
            _symbolsInChunk = TransportCcChunk.SymbolCount(_chunk);
        }

        var symbol = TransportCcChunk.Symbol(_chunk, _symbolIndex++);
        var delta = 0;
        switch (symbol)
        {
            case TransportCcStatus.ReceivedSmallDelta when _deltaOffset < _deltas.Length:
                delta = _deltas[_deltaOffset++];
                break;
            case TransportCcStatus.ReceivedLargeDelta when _deltaOffset + 2 <= _deltas.Length:
                delta = BinaryPrimitives.ReadInt16BigEndian(_deltas[_deltaOffset..]);
                _deltaOffset += 2;
                break;
            case TransportCcStatus.NotReceived:
                break;
            default:
                // Validation rules this out; stop rather than invent a value.
                _remaining = 0;
                return false;
        }

        long arrival = 0;
        if (symbol != TransportCcStatus.NotReceived)
        {
            _ticks += delta;
            arrival = _ticks * TransportCcPacket.MicrosecondsPerTick;
        }

        Current = new TransportCcPacket(_sequence, symbol, delta, arrival);
        _sequence++;
        _remaining--;
        return true;
    }
}
