namespace AnHop.Media.Rtcp;

/// <summary>One SDES item (RFC 3550 §6.5): a type and up to 255 octets of UTF-8 text, aliased from the packet.</summary>
public readonly ref struct SdesItem
{
    public SdesItem(SdesItemType type, ReadOnlySpan<byte> text)
    {
        Type = type;
        Text = text;
    }

    public SdesItemType Type { get; }

    public ReadOnlySpan<byte> Text { get; }
}
