using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// A Receiver Estimated Maximum Bitrate message (draft-alvestrand-rmcat-remb-03 §2): application layer
/// feedback (PT 206, FMT 15) whose FCI starts with "REMB", read in place.
/// </summary>
public readonly ref struct ReceiverEstimatedMaxBitrate
{
    private const int MantissaBits = 18;
    private const uint MaxMantissa = (1 << MantissaBits) - 1;
    private const int FixedFciSize = 8;

    private readonly ReadOnlySpan<byte> _ssrcs;

    private ReceiverEstimatedMaxBitrate(uint senderSsrc, int exponent, uint mantissa, ReadOnlySpan<byte> ssrcs)
    {
        SenderSsrc = senderSsrc;
        Exponent = exponent;
        Mantissa = mantissa;
        _ssrcs = ssrcs;
    }

    public uint SenderSsrc { get; }

    public int Exponent { get; }

    public uint Mantissa { get; }

    /// <summary>Mantissa × 2^Exponent bits per second, saturated at <see cref="ulong.MaxValue"/> (6-bit exponents reach 2^63).</summary>
    public ulong Bitrate => Decode(Exponent, Mantissa);

    public int SsrcCount => _ssrcs.Length / 4;

    public uint GetSsrc(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, SsrcCount);
        return BinaryPrimitives.ReadUInt32BigEndian(_ssrcs[(index * 4)..]);
    }

    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverEstimatedMaxBitrate remb) => TryParse(data, out remb, out _);

    // draft-alvestrand-rmcat-remb-03 §2.2
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P| FMT=15  |   PT=206      |             length            |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  SSRC of packet sender                        |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                  SSRC of media source                         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  Unique identifier 'R' 'E' 'M' 'B'                            |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  Num SSRC     | BR Exp    |  BR Mantissa                      |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |   SSRC feedback                                               |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |  ...                                                          |
    public static bool TryParse(ReadOnlySpan<byte> data, out ReceiverEstimatedMaxBitrate remb, out string? reason)
    {
        remb = default;
        if (!RtcpFeedback.TryParse(data, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.ApplicationLayer,
                out var feedback, out reason, "not application layer feedback (PT 206, FMT 15)"))
        {
            return false;
        }

        var fci = feedback.Fci;
        if (fci.Length < FixedFciSize || !fci[..4].SequenceEqual("REMB"u8))
        {
            reason = "application layer feedback without the REMB identifier";
            return false;
        }

        var ssrcBytes = fci[4] * 4;
        if (fci.Length < FixedFciSize + ssrcBytes)
        {
            reason = "REMB shorter than its SSRC list";
            return false;
        }

        var word = BinaryPrimitives.ReadUInt32BigEndian(fci[4..]);
        remb = new ReceiverEstimatedMaxBitrate(feedback.SenderSsrc, (int)((word >> MantissaBits) & 0x3F), word & MaxMantissa,
            fci.Slice(FixedFciSize, ssrcBytes));
        return true;
    }

    /// <summary>
    /// Splits a bitrate into the 6-bit exponent and 18-bit mantissa, rounding down so that the
    /// advertised rate never exceeds <paramref name="bitrate"/>.
    /// </summary>
    public static (int Exponent, uint Mantissa) Encode(ulong bitrate)
    {
        var exponent = 0;
        while (bitrate > MaxMantissa)
        {
            bitrate >>= 1;
            exponent++;
        }

        return (exponent, (uint)bitrate);
    }

    public static ulong Decode(int exponent, uint mantissa)
    {
        mantissa &= MaxMantissa;
        if (mantissa == 0)
        {
            return 0;
        }

        // The mantissa has at most 18 significant bits; shifting past 64 would lose them.
        var significantBits = 32 - System.Numerics.BitOperations.LeadingZeroCount(mantissa);
        return significantBits + exponent > 64 ? ulong.MaxValue : (ulong)mantissa << exponent;
    }

    public static int GetWrittenLength(int ssrcCount) => RtcpFeedback.CommonSize + FixedFciSize + (ssrcCount * 4);

    /// <summary>Writes a REMB for up to 255 SSRCs; the media SSRC field is zero as the draft requires.</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, ulong bitrate, ReadOnlySpan<uint> ssrcs, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetWrittenLength(ssrcs.Length);
        if (ssrcs.Length > 255 || destination.Length < length)
        {
            return false;
        }

        RtcpFeedback.WriteCommon(destination, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.ApplicationLayer, length,
            senderSsrc, 0);
        "REMB"u8.CopyTo(destination[RtcpFeedback.CommonSize..]);
        var (exponent, mantissa) = Encode(bitrate);
        BinaryPrimitives.WriteUInt32BigEndian(destination[(RtcpFeedback.CommonSize + 4)..],
            ((uint)ssrcs.Length << 24) | ((uint)exponent << MantissaBits) | mantissa);
        var at = RtcpFeedback.CommonSize + FixedFciSize;
        foreach (var ssrc in ssrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[at..], ssrc);
            at += 4;
        }

        bytesWritten = length;
        return true;
    }
}
