namespace AnHop.Media.Rtcp;

/// <summary>Iterates the chunks of a validated SDES packet without allocating.</summary>
public ref struct SdesChunkEnumerator
{
    private readonly ReadOnlySpan<byte> _payload;
    private int _offset;
    private int _remaining;

    internal SdesChunkEnumerator(ReadOnlySpan<byte> payload, int count)
    {
        _payload = payload;
        _offset = 0;
        _remaining = count;
        Current = default;
    }

    public SdesChunk Current { get; private set; }

    public readonly SdesChunkEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining == 0 || !SdesChunk.TryMeasure(_payload[_offset..], out var length, out _))
        {
            return false;
        }

        Current = new SdesChunk(_payload.Slice(_offset, length));
        _offset += length;
        _remaining--;
        return true;
    }
}
