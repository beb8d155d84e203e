namespace AnHop.Media.Rtcp;

/// <summary>Iterates the items of a validated SDES chunk without allocating.</summary>
public ref struct SdesItemEnumerator
{
    private readonly ReadOnlySpan<byte> _items;
    private int _offset;

    internal SdesItemEnumerator(ReadOnlySpan<byte> items)
    {
        _items = items;
        _offset = 0;
        Current = default;
    }

    public SdesItem Current { get; private set; }

    public readonly SdesItemEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_offset + 2 > _items.Length || _items[_offset] == (byte)SdesItemType.End)
        {
            return false;
        }

        var length = _items[_offset + 1];
        var end = _offset + 2 + length;
        if (end > _items.Length)
        {
            return false;
        }

        Current = new SdesItem((SdesItemType)_items[_offset], _items[(_offset + 2)..end]);
        _offset = end;
        return true;
    }
}
