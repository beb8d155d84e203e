using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// Builds an SDES packet (RFC 3550 §6.5) in the caller's buffer, chunk by chunk and item by item,
/// without allocating. Each step checks that the packet can still be closed (null octet and
/// padding), so <see cref="TryFinish"/> fails only when nothing was added or a step failed before.
/// </summary>
public ref struct SourceDescriptionWriter
{
    private const int MaxTextLength = 255;

    // The 16-bit length field counts 32-bit words minus one.
    private const int MaxPacketLength = 65536 * 4;

    private readonly Span<byte> _destination;
    private int _offset;
    private int _chunkCount;
    private bool _failed;

    public SourceDescriptionWriter(Span<byte> destination)
    {
        _destination = destination;
        _offset = RtcpHeader.Size;
        _chunkCount = 0;
        _failed = false;
    }

    /// <summary>Closes the chunk before, if any, and starts one for <paramref name="ssrc"/>.</summary>
    public bool TryAddChunk(uint ssrc)
    {
        var start = ClosedLength();
        if (_failed || _chunkCount == RtcpHeader.MaxCount || start + 8 > Math.Min(_destination.Length, MaxPacketLength))
        {
            _failed = true;
            return false;
        }

        CloseChunk();
        BinaryPrimitives.WriteUInt32BigEndian(_destination[_offset..], ssrc);
        _offset += 4;
        _chunkCount++;
        return true;
    }

    /// <summary>Adds an item to the current chunk. The text must be 255 octets or fewer.</summary>
    public bool TryAddItem(SdesItemType type, scoped ReadOnlySpan<byte> text)
    {
        var end = _offset + 2 + text.Length;
        if (_failed || _chunkCount == 0 || type == SdesItemType.End || text.Length > MaxTextLength
            || ((end + 4) & ~3) > Math.Min(_destination.Length, MaxPacketLength))
        {
            _failed = true;
            return false;
        }

        _destination[_offset] = (byte)type;
        _destination[_offset + 1] = (byte)text.Length;
        text.CopyTo(_destination[(_offset + 2)..]);
        _offset = end;
        return true;
    }

    public bool TryFinish(out int bytesWritten)
    {
        bytesWritten = 0;
        if (_failed || _chunkCount == 0)
        {
            return false;
        }

        CloseChunk();
        RtcpHeader.Write(_destination, _chunkCount, RtcpPacketType.SourceDescription, _offset);
        bytesWritten = _offset;
        return true;
    }

    private readonly int ClosedLength() => _chunkCount == 0 ? _offset : (_offset + 4) & ~3;

    // The item list ends with a null octet, then nulls to the next 32-bit boundary (RFC 3550 §6.5).
    private void CloseChunk()
    {
        var closed = ClosedLength();
        _destination[_offset..closed].Clear();
        _offset = closed;
    }
}
