using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// One SDES chunk (RFC 3550 §6.5): an SSRC/CSRC and its item list, already validated by
/// <see cref="SourceDescription.TryParse(ReadOnlySpan{byte}, out SourceDescription, out string?)"/>.
/// </summary>
public readonly ref struct SdesChunk
{
    private readonly ReadOnlySpan<byte> _items;

    internal SdesChunk(ReadOnlySpan<byte> chunk)
    {
        Ssrc = BinaryPrimitives.ReadUInt32BigEndian(chunk);
        _items = chunk[4..];
    }

    public uint Ssrc { get; }

    public SdesItemEnumerator Items => new(_items);

    /// <summary>Finds the first item of <paramref name="type"/>.</summary>
    public bool TryGetItem(SdesItemType type, out ReadOnlySpan<byte> text)
    {
        foreach (var item in Items)
        {
            if (item.Type == type)
            {
                text = item.Text;
                return true;
            }
        }

        text = default;
        return false;
    }

    /// <summary>Walks one chunk from its SSRC to the 32-bit boundary after its terminating null octet.</summary>
    internal static bool TryMeasure(ReadOnlySpan<byte> data, out int length, out string? reason)
    {
        length = 0;
        if (data.Length < 4)
        {
            reason = "SDES chunk shorter than its SSRC";
            return false;
        }

        var at = 4;
        while (true)
        {
            if (at >= data.Length)
            {
                reason = "SDES item list not terminated by a null octet";
                return false;
            }

            if (data[at] == (byte)SdesItemType.End)
            {
                // The null octet, then more nulls up to the next 32-bit boundary (RFC 3550 §6.5).
                length = (at + 4) & ~3;
                if (length > data.Length)
                {
                    reason = "SDES chunk padding runs past the packet";
                    return false;
                }

                reason = null;
                return true;
            }

            if (at + 2 > data.Length || at + 2 + data[at + 1] > data.Length)
            {
                reason = "SDES item runs past the packet";
                return false;
            }

            at += 2 + data[at + 1];
        }
    }
}
