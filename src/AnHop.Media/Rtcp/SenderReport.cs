using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>A Sender Report (RFC 3550 §6.4.1) read in place: sender info, report blocks, extensions.</summary>
public readonly ref struct SenderReport
{
    internal const int SenderInfoSize = 24;

    private readonly ReadOnlySpan<byte> _payload;

    private SenderReport(ReadOnlySpan<byte> payload, int reportCount)
    {
        _payload = payload;
        ReportCount = reportCount;
    }

    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_payload);

    public ulong NtpTimestamp => BinaryPrimitives.ReadUInt64BigEndian(_payload[4..]);

    public uint RtpTimestamp => BinaryPrimitives.ReadUInt32BigEndian(_payload[12..]);

    public uint PacketCount => BinaryPrimitives.ReadUInt32BigEndian(_payload[16..]);

    public uint OctetCount => BinaryPrimitives.ReadUInt32BigEndian(_payload[20..]);

    public SenderInfo SenderInfo => new(Ssrc, NtpTimestamp, RtpTimestamp, PacketCount, OctetCount);

    public int ReportCount { get; }

    /// <summary>Profile-specific extensions after the report blocks (§6.4.1); usually empty.</summary>
    public ReadOnlySpan<byte> ProfileExtensions => _payload[(SenderInfoSize + (ReportCount * ReportBlock.Size))..];

    public ReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        ReportBlock.TryParse(_payload[(SenderInfoSize + (index * ReportBlock.Size))..], out var block);
        return block;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out SenderReport report) => TryParse(data, out report, out _);

    // RFC 3550 §6.4.1
    //         0                   1                   2                   3
    //         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // header |V=2|P|    RC   |   PT=SR=200   |             length            |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                         SSRC of sender                        |
    //        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // sender |              NTP timestamp, most significant word             |
    // info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |             NTP timestamp, least significant word             |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                         RTP timestamp                         |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                     sender's packet count                     |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                      sender's octet count                     |
    //        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // report |                 report blocks, 24 bytes each                  |
    // blocks +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    //        |                  profile-specific extensions                  |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out SenderReport report, out string? reason)
    {
        report = default;
        if (!RtcpPacket.TryParse(data, out var packet, out reason))
        {
            return false;
        }

        if (packet.PacketType != RtcpPacketType.SenderReport)
        {
            reason = "not a Sender Report (PT 200)";
            return false;
        }

        if (packet.Payload.Length < SenderInfoSize + (packet.Header.Count * ReportBlock.Size))
        {
            reason = "Sender Report shorter than its sender info and report blocks";
            return false;
        }

        report = new SenderReport(packet.Payload, packet.Header.Count);
        return true;
    }

    public static int GetWrittenLength(int reportBlockCount) =>
        RtcpHeader.Size + SenderInfoSize + (reportBlockCount * ReportBlock.Size);

    /// <summary>Writes a Sender Report with up to 31 report blocks.</summary>
    public static bool TryWrite(Span<byte> destination, in SenderInfo sender, ReadOnlySpan<ReportBlock> blocks, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetWrittenLength(blocks.Length);
        if (blocks.Length > RtcpHeader.MaxCount || destination.Length < length)
        {
            return false;
        }

        RtcpHeader.Write(destination, blocks.Length, RtcpPacketType.SenderReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], sender.Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], sender.NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], sender.RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], sender.PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(destination[24..], sender.OctetCount);
        ReportBlock.TryWriteAll(blocks, destination[(RtcpHeader.Size + SenderInfoSize)..]);
        bytesWritten = length;
        return true;
    }
}
