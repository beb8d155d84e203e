using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>Yields every lost sequence number of a Generic NACK's items in wire order, without allocating.</summary>
public ref struct GenericNackSequenceEnumerator
{
    private readonly ReadOnlySpan<byte> _fci;
    private int _offset;
    private NackLostSequenceEnumerator _item;
    private bool _inItem;

    internal GenericNackSequenceEnumerator(ReadOnlySpan<byte> fci)
    {
        _fci = fci;
        _offset = 0;
        _item = default;
        _inItem = false;
    }

    public readonly ushort Current => _item.Current;

    public readonly GenericNackSequenceEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        while (true)
        {
            if (_inItem && _item.MoveNext())
            {
                return true;
            }

            if (_offset + 4 > _fci.Length)
            {
                _inItem = false;
                return false;
            }

            _item = new NackItem(BinaryPrimitives.ReadUInt16BigEndian(_fci[_offset..]),
                BinaryPrimitives.ReadUInt16BigEndian(_fci[(_offset + 2)..])).GetEnumerator();
            _offset += 4;
            _inItem = true;
        }
    }
}
