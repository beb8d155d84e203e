namespace AnHop.Media.Rtp;

/// <summary>One element of an RFC 8285 header extension block, aliasing the packet's bytes.</summary>
public readonly ref struct RtpHeaderExtensionElement
{
    public RtpHeaderExtensionElement(byte id, ReadOnlySpan<byte> value, int valueOffset)
    {
        Id = id;
        Value = value;
        ValueOffset = valueOffset;
    }

    /// <summary>The local identifier negotiated by SDP a=extmap (RFC 8285 §5).</summary>
    public byte Id { get; }

    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Where <see cref="Value"/> starts, counted from the first element byte (after the 4-byte block header).</summary>
    public int ValueOffset { get; }
}
