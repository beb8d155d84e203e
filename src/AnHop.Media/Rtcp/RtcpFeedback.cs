using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// The common packet format of RTCP feedback (RFC 4585 §6.1): FMT, PT 205 (RTPFB) or 206 (PSFB),
/// sender SSRC, media SSRC and the feedback control information (FCI), read in place.
/// </summary>
public readonly ref struct RtcpFeedback
{
    internal const int CommonSize = RtcpHeader.Size + 8;

    private RtcpFeedback(RtcpPacketType packetType, byte format, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        PacketType = packetType;
        Format = format;
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        Fci = fci;
    }

    public RtcpPacketType PacketType { get; }

    public byte Format { get; }

    public uint SenderSsrc { get; }

    public uint MediaSsrc { get; }

    /// <summary>Feedback control information, padding removed.</summary>
    public ReadOnlySpan<byte> Fci { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpFeedback feedback) => TryParse(data, out feedback, out _);

    // RFC 4585 §6.1
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P|   FMT   |       PT      |          length               |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  SSRC of packet sender                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  SSRC of media source                         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // :            Feedback Control Information (FCI)                 :
    // :                                                               :
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpFeedback feedback, out string? reason)
    {
        feedback = default;
        if (!RtcpPacket.TryParse(data, out var packet, out reason))
        {
            return false;
        }

        if (packet.PacketType is not (RtcpPacketType.TransportFeedback or RtcpPacketType.PayloadFeedback))
        {
            reason = "not a feedback packet (PT 205 or 206)";
            return false;
        }

        var payload = packet.Payload;
        if (payload.Length < 8)
        {
            reason = "feedback packet shorter than its two SSRCs";
            return false;
        }

        feedback = new RtcpFeedback(packet.PacketType, packet.Header.Format,
            BinaryPrimitives.ReadUInt32BigEndian(payload), BinaryPrimitives.ReadUInt32BigEndian(payload[4..]), payload[8..]);
        return true;
    }

    /// <summary>Parses a feedback packet and checks its PT and FMT.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> data, RtcpPacketType type, byte format, out RtcpFeedback feedback,
        out string? reason, string wrongKind)
    {
        if (!TryParse(data, out feedback, out reason))
        {
            return false;
        }

        if (feedback.PacketType != type || feedback.Format != format)
        {
            feedback = default;
            reason = wrongKind;
            return false;
        }

        return true;
    }

    /// <summary>Writes the header and both SSRCs of a feedback packet of <paramref name="packetLength"/> bytes.</summary>
    internal static void WriteCommon(Span<byte> destination, RtcpPacketType type, byte format, int packetLength,
        uint senderSsrc, uint mediaSsrc, bool padding = false)
    {
        RtcpHeader.Write(destination, format, type, packetLength, padding);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], mediaSsrc);
    }
}
