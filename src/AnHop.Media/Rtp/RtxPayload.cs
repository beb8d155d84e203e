using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// The payload of an RTX retransmission packet (RFC 4588 §4): the original sequence number (OSN) followed
/// by the original payload, aliasing the packet.
/// </summary>
public readonly ref struct RtxPayload
{
    public const int OriginalSequenceNumberLength = 2;

    private RtxPayload(ushort originalSequenceNumber, ReadOnlySpan<byte> originalPayload)
    {
        OriginalSequenceNumber = originalSequenceNumber;
        OriginalPayload = originalPayload;
    }

    public ushort OriginalSequenceNumber { get; }

    public ReadOnlySpan<byte> OriginalPayload { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, out RtxPayload value) => TryParse(data, out value, out _);

    // RFC 4588 §4:
    //
    //     0                   1                   2                   3
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |                         RTP Header                            |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |            OSN                |                               |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               |
    //    |                  Original RTP Packet Payload                  |
    //    |                                                               |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //
    // <paramref name="data"/> is the RTX packet's payload (padding already excluded). Padding-only RTX packets,
    // which browsers send for bandwidth probing, have no OSN and are refused.
    public static bool TryParse(ReadOnlySpan<byte> data, out RtxPayload value, out string? reason)
    {
        if (data.Length < OriginalSequenceNumberLength)
        {
            value = default;
            reason = RtpParseReasons.RtxPayloadTooShort;
            return false;
        }

        value = new RtxPayload(BinaryPrimitives.ReadUInt16BigEndian(data), data[OriginalSequenceNumberLength..]);
        reason = null;
        return true;
    }
}
