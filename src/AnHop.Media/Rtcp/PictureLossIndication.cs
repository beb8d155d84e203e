namespace AnHop.Media.Rtcp;

/// <summary>A Picture Loss Indication (RFC 4585 §6.3.1: PT 206, FMT 1, no FCI).</summary>
public readonly record struct PictureLossIndication(uint SenderSsrc, uint MediaSsrc)
{
    public const int Size = RtcpFeedback.CommonSize;

    public static bool TryParse(ReadOnlySpan<byte> data, out PictureLossIndication pli) => TryParse(data, out pli, out _);

    // RFC 4585 §6.3.1: the common feedback header (§6.1) only.
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P| FMT=1   |    PT=206     |          length=2             |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  SSRC of packet sender                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  SSRC of media source                         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out PictureLossIndication pli, out string? reason)
    {
        pli = default;
        if (!RtcpFeedback.TryParse(data, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.PictureLossIndication,
                out var feedback, out reason, "not a PLI (PT 206, FMT 1)"))
        {
            return false;
        }

        // Any FCI is ignored: PLI defines none and extra words do not change its meaning.
        pli = new PictureLossIndication(feedback.SenderSsrc, feedback.MediaSsrc);
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < Size)
        {
            return false;
        }

        RtcpFeedback.WriteCommon(destination, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.PictureLossIndication,
            Size, SenderSsrc, MediaSsrc);
        bytesWritten = Size;
        return true;
    }
}
