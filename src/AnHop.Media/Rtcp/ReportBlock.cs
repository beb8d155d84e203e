using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// A reception report block (RFC 3550 §6.4.1). <see cref="CumulativeLost"/> is a signed 24-bit
/// value on the wire: duplicates can make it negative, and writers clamp it to that range (§A.3).
/// </summary>
public readonly record struct ReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Size = 24;
    public const int MaxCumulativeLost = 0x7FFFFF;
    public const int MinCumulativeLost = -0x800000;

    public static bool TryParse(ReadOnlySpan<byte> data, out ReportBlock block) => TryParse(data, out block, out _);

    // RFC 3550 §6.4.1
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // |                 SSRC_1 (SSRC of first source)                 |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // | fraction lost |       cumulative number of packets lost       |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |           extended highest sequence number received           |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                      interarrival jitter                      |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                         last SR (LSR)                         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                   delay since last SR (DLSR)                  |
    // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    public static bool TryParse(ReadOnlySpan<byte> data, out ReportBlock block, out string? reason)
    {
        if (data.Length < Size)
        {
            block = default;
            reason = "report block shorter than 24 bytes";
            return false;
        }

        // Sign-extend the 24-bit cumulative loss by shifting it into the top of an int and back.
        var lost = (int)(BinaryPrimitives.ReadUInt32BigEndian(data[4..]) << 8) >> 8;
        block = new ReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(data),
            data[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
        reason = null;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        var lost = Math.Clamp(CumulativeLost, MinCumulativeLost, MaxCumulativeLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
        bytesWritten = Size;
        return true;
    }

    internal static bool TryWriteAll(ReadOnlySpan<ReportBlock> blocks, Span<byte> destination)
    {
        for (var i = 0; i < blocks.Length; i++)
        {
            if (!blocks[i].TryWrite(destination[(i * Size)..], out _))
            {
                return false;
            }
        }

        return true;
    }
}
