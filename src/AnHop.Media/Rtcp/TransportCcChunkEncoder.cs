using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// Turns a stream of status symbols into as few packet chunks as a greedy pass finds, the way
/// libwebrtc's feedback builder does: keep up to 14 pending symbols; a run of one symbol grows into a
/// run length chunk, 14 symbols without a large delta fill a 1-bit vector, otherwise 7 go out as a
/// 2-bit vector. With an empty output it only counts, which the writer uses to size a packet.
/// </summary>
internal ref struct TransportCcChunkEncoder
{
    private readonly Span<byte> _output;
    private int _emitted;
    private uint _symbols;
    private int _size;
    private bool _allSame;
    private bool _hasLarge;

    public TransportCcChunkEncoder(Span<byte> output)
    {
        _output = output;
        _emitted = 0;
        _symbols = 0;
        _size = 0;
        _allSame = true;
        _hasLarge = false;
    }

    /// <summary>Chunks the symbols so far take once <see cref="Finish"/> runs.</summary>
    public readonly int ChunkCount => _emitted + (_size > 0 ? 1 : 0);

    public void Add(int symbol)
    {
        if (!CanAdd(symbol))
        {
            EmitFull();
        }

        if (_size < TransportCcChunk.OneBitCapacity)
        {
            _symbols |= (uint)symbol << (2 * _size);
        }

        _allSame = _size == 0 || (_allSame && symbol == First);
        _hasLarge |= symbol == (int)TransportCcStatus.ReceivedLargeDelta;
        _size++;
    }

    public void Add(int symbol, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Add(symbol);
        }
    }

    public void Finish()
    {
        if (_size == 0)
        {
            return;
        }

        if (_allSame)
        {
            Emit(TransportCcChunk.RunLength(First, _size));
        }
        else if (_size <= TransportCcChunk.TwoBitCapacity)
        {
            Emit(TransportCcChunk.TwoBitVector(_symbols, _size));
        }
        else
        {
            Emit(TransportCcChunk.OneBitVector(_symbols, _size));
        }

        Reset();
    }

    private readonly int First => (int)(_symbols & 3);

    private readonly bool CanAdd(int symbol)
    {
        if (_size < TransportCcChunk.TwoBitCapacity)
        {
            return true;
        }

        if (_size < TransportCcChunk.OneBitCapacity && !_hasLarge && symbol != (int)TransportCcStatus.ReceivedLargeDelta)
        {
            return true;
        }

        return _size < TransportCcChunk.MaxRunLength && _allSame && symbol == First;
    }

    private void EmitFull()
    {
        if (_allSame)
        {
            Emit(TransportCcChunk.RunLength(First, _size));
            Reset();
            return;
        }

        if (_size == TransportCcChunk.OneBitCapacity && !_hasLarge)
        {
            Emit(TransportCcChunk.OneBitVector(_symbols, _size));
            Reset();
            return;
        }

        // Seven symbols leave as a 2-bit vector; the rest (at most six) stay pending.
        Emit(TransportCcChunk.TwoBitVector(_symbols, TransportCcChunk.TwoBitCapacity));
        _symbols >>= 2 * TransportCcChunk.TwoBitCapacity;
        _size -= TransportCcChunk.TwoBitCapacity;
        _allSame = true;
        _hasLarge = false;
        for (var i = 0; i < _size; i++)
        {
            var symbol = (int)((_symbols >> (2 * i)) & 3);
            _allSame &= symbol == First;
            _hasLarge |= symbol == (int)TransportCcStatus.ReceivedLargeDelta;
        }
    }

    private void Emit(ushort chunk)
    {
        if (!_output.IsEmpty)
        {
            BinaryPrimitives.WriteUInt16BigEndian(_output[(2 * _emitted)..], chunk);
        }

        _emitted++;
    }

    private void Reset()
    {
        _symbols = 0;
        _size = 0;
        _allSame = true;
        _hasLarge = false;
    }
}
