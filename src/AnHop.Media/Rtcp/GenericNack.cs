using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>A Generic NACK (RFC 4585 §6.2.1: PT 205, FMT 1) read in place.</summary>
public readonly ref struct GenericNack
{
    private readonly ReadOnlySpan<byte> _fci;

    private GenericNack(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _fci = fci;
    }

    public uint SenderSsrc { get; }

    public uint MediaSsrc { get; }

    public int ItemCount => _fci.Length / 4;

    public NackItem GetItem(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, ItemCount);
        var at = index * 4;
        return new NackItem(BinaryPrimitives.ReadUInt16BigEndian(_fci[at..]), BinaryPrimitives.ReadUInt16BigEndian(_fci[(at + 2)..]));
    }

    /// <summary>Every sequence number the packet reports lost, item by item, without allocating.</summary>
    public GenericNackSequenceEnumerator LostSequences => new(_fci);

    public static bool TryParse(ReadOnlySpan<byte> data, out GenericNack nack) => TryParse(data, out nack, out _);

    // RFC 4585 §6.2.1: the common feedback header (§6.1) with PT=205, FMT=1, then one or more of
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |            PID                |             BLP               |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out GenericNack nack, out string? reason)
    {
        nack = default;
        if (!RtcpFeedback.TryParse(data, RtcpPacketType.TransportFeedback, (byte)RtpFeedbackFormat.GenericNack,
                out var feedback, out reason, "not a Generic NACK (PT 205, FMT 1)"))
        {
            return false;
        }

        if (feedback.Fci.Length < 4)
        {
            reason = "Generic NACK without any PID/BLP item";
            return false;
        }

        // The RTCP length is in 32-bit words, so the FCI is whole items unless padding said otherwise.
        if (feedback.Fci.Length % 4 != 0)
        {
            reason = "Generic NACK FCI is not a whole number of items";
            return false;
        }

        nack = new GenericNack(feedback.SenderSsrc, feedback.MediaSsrc, feedback.Fci);
        return true;
    }

    public static int GetWrittenLength(int itemCount) => RtcpFeedback.CommonSize + (itemCount * 4);

    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<NackItem> items,
        out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetWrittenLength(items.Length);
        if (items.IsEmpty || length > MaxLength || destination.Length < length)
        {
            return false;
        }

        RtcpFeedback.WriteCommon(destination, RtcpPacketType.TransportFeedback, (byte)RtpFeedbackFormat.GenericNack, length,
            senderSsrc, mediaSsrc);
        var at = RtcpFeedback.CommonSize;
        foreach (var item in items)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], item.PacketId);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], item.LostBitmask);
            at += 4;
        }

        bytesWritten = length;
        return true;
    }

    /// <summary>Writes a Generic NACK straight from lost sequence numbers (see <see cref="NackItem.TryCreate"/>).</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ReadOnlySpan<ushort> lostSequences,
        out int bytesWritten)
    {
        bytesWritten = 0;
        var itemCount = NackItem.CountItems(lostSequences);
        var length = GetWrittenLength(itemCount);
        if (itemCount == 0 || length > MaxLength || destination.Length < length)
        {
            return false;
        }

        RtcpFeedback.WriteCommon(destination, RtcpPacketType.TransportFeedback, (byte)RtpFeedbackFormat.GenericNack, length,
            senderSsrc, mediaSsrc);
        var at = RtcpFeedback.CommonSize;
        var i = 0;
        while (i < lostSequences.Length)
        {
            var item = NackItem.Next(lostSequences, ref i);
            BinaryPrimitives.WriteUInt16BigEndian(destination[at..], item.PacketId);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(at + 2)..], item.LostBitmask);
            at += 4;
        }

        bytesWritten = length;
        return true;
    }

    // The 16-bit length field counts words minus one.
    private const int MaxLength = 65536 * 4;
}
