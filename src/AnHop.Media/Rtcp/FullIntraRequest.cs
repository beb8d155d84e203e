using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>A Full Intra Request (RFC 5104 §4.3.1: PT 206, FMT 4) read in place.</summary>
public readonly ref struct FullIntraRequest
{
    private const int EntrySize = 8;

    private readonly ReadOnlySpan<byte> _fci;

    private FullIntraRequest(uint senderSsrc, uint mediaSsrc, ReadOnlySpan<byte> fci)
    {
        SenderSsrc = senderSsrc;
        MediaSsrc = mediaSsrc;
        _fci = fci;
    }

    public uint SenderSsrc { get; }

    /// <summary>Unused by FIR and sent as zero (RFC 5104 §4.3.1.2); the targets are in the entries.</summary>
    public uint MediaSsrc { get; }

    public int EntryCount => _fci.Length / EntrySize;

    public FirEntry GetEntry(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, EntryCount);
        var at = index * EntrySize;
        return new FirEntry(BinaryPrimitives.ReadUInt32BigEndian(_fci[at..]), _fci[at + 4]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out FullIntraRequest fir) => TryParse(data, out fir, out _);

    // RFC 5104 §4.3.1.1: the common feedback header (RFC 4585 §6.1) with PT=206, FMT=4, then one or more of
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                              SSRC                             |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // | Seq nr.       |    Reserved                                   |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out FullIntraRequest fir, out string? reason)
    {
        fir = default;
        if (!RtcpFeedback.TryParse(data, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.FullIntraRequest,
                out var feedback, out reason, "not a FIR (PT 206, FMT 4)"))
        {
            return false;
        }

        if (feedback.Fci.Length < EntrySize || feedback.Fci.Length % EntrySize != 0)
        {
            reason = "FIR FCI is not one or more 8-byte entries";
            return false;
        }

        fir = new FullIntraRequest(feedback.SenderSsrc, feedback.MediaSsrc, feedback.Fci);
        return true;
    }

    public static int GetWrittenLength(int entryCount) => RtcpFeedback.CommonSize + (entryCount * EntrySize);

    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ReadOnlySpan<FirEntry> entries, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetWrittenLength(entries.Length);
        if (entries.IsEmpty || length > 65536 * 4 || destination.Length < length)
        {
            return false;
        }

        RtcpFeedback.WriteCommon(destination, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.FullIntraRequest, length,
            senderSsrc, 0);
        var at = RtcpFeedback.CommonSize;
        foreach (var entry in entries)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[at..], entry.Ssrc);
            destination[at + 4] = entry.SequenceNumber;
            destination.Slice(at + 5, 3).Clear();
            at += EntrySize;
        }

        bytesWritten = length;
        return true;
    }
}
