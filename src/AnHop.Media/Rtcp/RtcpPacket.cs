namespace AnHop.Media.Rtcp;

/// <summary>
/// One framed RTCP packet inside a datagram: its header, its bytes and its payload (the bytes after
/// the header, padding removed). A view over the caller's buffer; it copies nothing.
/// </summary>
public readonly ref struct RtcpPacket
{
    private RtcpPacket(RtcpHeader header, ReadOnlySpan<byte> data, ReadOnlySpan<byte> payload, int offset)
    {
        Header = header;
        Data = data;
        Payload = payload;
        Offset = offset;
    }

    public RtcpHeader Header { get; }

    /// <summary>The whole packet: header, payload and padding (<see cref="RtcpHeader.PacketLength"/> bytes).</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The bytes after the 4-byte header, without padding.</summary>
    public ReadOnlySpan<byte> Payload { get; }

    /// <summary>Where <see cref="Data"/> starts in the compound packet it was read from.</summary>
    public int Offset { get; }

    public RtcpPacketType PacketType => Header.PacketType;

    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpPacket packet) => TryParse(data, out packet, out _);

    /// <summary>
    /// Frames the first packet in <paramref name="data"/>: checks the version, that the length field
    /// fits the data (RFC 3550 §6.4.1) and that a padding count (§6.4.1, P bit) stays inside the packet.
    /// Bytes after the packet are left for the caller.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpPacket packet, out string? reason) =>
        TryParse(data, 0, out packet, out reason);

    internal static bool TryParse(ReadOnlySpan<byte> data, int offset, out RtcpPacket packet, out string? reason)
    {
        packet = default;
        if (!RtcpHeader.TryParse(data, out var header, out reason))
        {
            return false;
        }

        var length = header.PacketLength;
        if (length > data.Length)
        {
            reason = "RTCP length field exceeds the data";
            return false;
        }

        var bytes = data[..length];
        var payloadEnd = length;
        if (header.Padding)
        {
            // The last octet counts the padding octets, itself included (RFC 3550 §6.4.1).
            int padding = bytes[^1];
            if (padding == 0 || padding > length - RtcpHeader.Size)
            {
                reason = "RTCP padding count is zero or larger than the payload";
                return false;
            }

            payloadEnd -= padding;
        }

        packet = new RtcpPacket(header, bytes, bytes[RtcpHeader.Size..payloadEnd], offset);
        reason = null;
        return true;
    }
}
