using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// Rewrites a Sender Report in place, as an SFU does when it forwards a producer's SR to a consumer
/// under the consumer's SSRC, RTP timestamp base and counts. The NTP time and report blocks are kept.
/// </summary>
public static class SenderReportRewriter
{
    private const int SsrcOffset = 4;
    private const int RtpTimestampOffset = 16;
    private const int PacketCountOffset = 20;
    private const int OctetCountOffset = 24;

    public static bool TryRewrite(Span<byte> packet, uint senderSsrc, uint rtpTimestamp, uint packetCount, uint octetCount) =>
        TryRewrite(packet, senderSsrc, rtpTimestamp, packetCount, octetCount, out _);

    /// <summary>
    /// Checks that <paramref name="packet"/> starts with a well-formed Sender Report, then overwrites its
    /// sender SSRC, RTP timestamp, packet count and octet count (RFC 3550 §6.4.1 offsets 4, 16, 20, 24).
    /// </summary>
    public static bool TryRewrite(Span<byte> packet, uint senderSsrc, uint rtpTimestamp, uint packetCount, uint octetCount,
        out string? reason)
    {
        if (!SenderReport.TryParse(packet, out _, out reason))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(packet[SsrcOffset..], senderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(packet[RtpTimestampOffset..], rtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet[PacketCountOffset..], packetCount);
        BinaryPrimitives.WriteUInt32BigEndian(packet[OctetCountOffset..], octetCount);
        return true;
    }
}
