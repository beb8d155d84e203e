using System.Buffers.Binary;

namespace AnHop.Media.Srtp;

/// <summary>
/// The part of an RTCP packet SRTCP leaves in the clear: the first header and the sender's SSRC
/// (RFC 3711 §3.4). Everything after these 8 bytes is encrypted.
/// </summary>
internal readonly struct SrtcpHeader
{
    public const int Length = 8;

    public SrtcpHeader(uint ssrc) => Ssrc = ssrc;

    public uint Ssrc { get; }

    public static bool TryParse(ReadOnlySpan<byte> data, out SrtcpHeader value) => TryParse(data, out value, out _);

    // RFC 3550 §6.4.1, the first 8 bytes of every compound packet:
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P|    RC   |   PT=SR=200   |             length            |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |                         SSRC of sender                        |
    // +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
    public static bool TryParse(ReadOnlySpan<byte> data, out SrtcpHeader value, out string? reason)
    {
        value = default;
        if (data.Length < Length)
        {
            reason = SrtpErrors.TooShort;
            return false;
        }

        if (data[0] >> 6 != 2)
        {
            reason = SrtpErrors.BadVersion;
            return false;
        }

        value = new SrtcpHeader(BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
        reason = null;
        return true;
    }
}
