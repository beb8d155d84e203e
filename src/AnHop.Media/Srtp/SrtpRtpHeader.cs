using System.Buffers.Binary;

namespace AnHop.Media.Srtp;

/// <summary>
/// The few RTP header fields SRTP needs: where the payload starts, the sequence number and the SSRC.
/// The full RTP view lives in the RTP namespace; this one stays internal and small.
/// </summary>
internal readonly struct SrtpRtpHeader
{
    private const int FixedLength = 12;

    public SrtpRtpHeader(int length, ushort sequenceNumber, uint ssrc)
    {
        Length = length;
        SequenceNumber = sequenceNumber;
        Ssrc = ssrc;
    }

    /// <summary>Bytes before the payload: fixed header, CSRC list and header extension.</summary>
    public int Length { get; }

    public ushort SequenceNumber { get; }

    public uint Ssrc { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, out SrtpRtpHeader value) => TryParse(data, out value, out _);

    // RFC 3550 §5.1 and §5.3.1:
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P|X|  CC   |M|     PT      |       sequence number         |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                           timestamp                           |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |           synchronization source (SSRC) identifier            |
    // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    // |            contributing source (CSRC) identifiers             |
    // |                             ....                              |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |      defined by profile       |           length              |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                        header extension                       |
    // |                             ....                              |
    public static bool TryParse(ReadOnlySpan<byte> data, out SrtpRtpHeader value, out string? reason)
    {
        value = default;
        if (data.Length < FixedLength)
        {
            reason = SrtpErrors.TooShort;
            return false;
        }

        if (data[0] >> 6 != 2)
        {
            reason = SrtpErrors.BadVersion;
            return false;
        }

        var length = FixedLength + (4 * (data[0] & 0x0F));
        if ((data[0] & 0x10) != 0)
        {
            if (data.Length < length + 4)
            {
                reason = SrtpErrors.HeaderTooLong;
                return false;
            }

            length += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(data[(length + 2)..]));
        }

        if (length > data.Length)
        {
            reason = SrtpErrors.HeaderTooLong;
            return false;
        }

        value = new SrtpRtpHeader(length, BinaryPrimitives.ReadUInt16BigEndian(data[2..]), BinaryPrimitives.ReadUInt32BigEndian(data[8..]));
        reason = null;
        return true;
    }
}
