using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>A Receiver Report (RFC 3550 §6.4.2) read in place.</summary>
public readonly ref struct ReceiverReport
{
    private readonly ReadOnlySpan<byte> _payload;

    private ReceiverReport(ReadOnlySpan<byte> payload, int reportCount)
    {
        _payload = payload;
        ReportCount = reportCount;
    }

    /// <summary>SSRC of the packet sender.</summary>
    public uint Ssrc => BinaryPrimitives.ReadUInt32BigEndian(_payload);

    public int ReportCount { get; }

    public ReadOnlySpan<byte> ProfileExtensions => _payload[(4 + (ReportCount * ReportBlock.Size))..];

    public ReportBlock GetReportBlock(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ReportCount);
        ReportBlock.TryParse(_payload[(4 + (index * ReportBlock.Size))..], out var block);
        return block;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverReport report) => TryParse(data, out report, out _);

    // RFC 3550 §6.4.2
    //         0                   1                   2                   3
    //         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // header |V=2|P|    RC   |   PT=RR=201   |             length            |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //        |                     SSRC of packet sender                     |
    //        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // report |                 report blocks, 24 bytes each                  |
    // blocks +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    //        |                  profile-specific extensions                  |
    //        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverReport report, out string? reason)
    {
        report = default;
        if (!RtcpPacket.TryParse(data, out var packet, out reason))
        {
            return false;
        }

        if (packet.PacketType != RtcpPacketType.ReceiverReport)
        {
            reason = "not a Receiver Report (PT 201)";
            return false;
        }

        if (packet.Payload.Length < 4 + (packet.Header.Count * ReportBlock.Size))
        {
            reason = "Receiver Report shorter than its SSRC and report blocks";
            return false;
        }

        report = new ReceiverReport(packet.Payload, packet.Header.Count);
        return true;
    }

    public static int GetWrittenLength(int reportBlockCount) => RtcpHeader.Size + 4 + (reportBlockCount * ReportBlock.Size);

    /// <summary>Writes a Receiver Report with up to 31 report blocks (none is allowed: an empty RR).</summary>
    public static bool TryWrite(Span<byte> destination, uint ssrc, ReadOnlySpan<ReportBlock> blocks, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetWrittenLength(blocks.Length);
        if (blocks.Length > RtcpHeader.MaxCount || destination.Length < length)
        {
            return false;
        }

        RtcpHeader.Write(destination, blocks.Length, RtcpPacketType.ReceiverReport, length);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ssrc);
        ReportBlock.TryWriteAll(blocks, destination[8..]);
        bytesWritten = length;
        return true;
    }
}
