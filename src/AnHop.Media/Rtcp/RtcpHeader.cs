using System.Buffers.Binary;

namespace AnHop.Media.Rtcp;

/// <summary>
/// The 4-byte header every RTCP packet starts with (RFC 3550 §6.4.1). <see cref="Count"/> is the
/// report/source count, or the FMT of a feedback packet (RFC 4585 §6.1). <see cref="Length"/> is the
/// packet length in 32-bit words minus one, header and padding included.
/// </summary>
public readonly record struct RtcpHeader(bool Padding, byte Count, RtcpPacketType PacketType, ushort Length)
{
    public const int Size = 4;
    public const int Version = 2;
    public const int MaxCount = 31;

    /// <summary>Bytes the whole packet takes, header and padding included.</summary>
    public int PacketLength => (Length + 1) * 4;

    /// <summary>The count field read as a feedback message type (RFC 4585 §6.1).</summary>
    public byte Format => Count;

    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header) => TryParse(data, out header, out _);

    // RFC 3550 §6.4.1
    //  0                   1                   2                   3
    //  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    // |V=2|P|    RC   |      PT       |             length            |
    // +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> data, out RtcpHeader header, out string? reason)
    {
        header = default;
        if (data.Length < Size)
        {
            reason = "shorter than the 4-byte RTCP header";
            return false;
        }

        if (data[0] >> 6 != Version)
        {
            reason = "RTCP version is not 2";
            return false;
        }

        header = new RtcpHeader((data[0] & 0x20) != 0, (byte)(data[0] & 0x1F), (RtcpPacketType)data[1],
            BinaryPrimitives.ReadUInt16BigEndian(data[2..]));
        reason = null;
        return true;
    }

    public bool TryWrite(Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < Size || Count > MaxCount)
        {
            return false;
        }

        destination[0] = (byte)((Version << 6) | (Padding ? 0x20 : 0) | Count);
        destination[1] = (byte)PacketType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Length);
        bytesWritten = Size;
        return true;
    }

    /// <summary>Writes a header for a packet of <paramref name="packetLength"/> bytes (a multiple of 4).</summary>
    internal static void Write(Span<byte> destination, int count, RtcpPacketType type, int packetLength, bool padding = false)
    {
        destination[0] = (byte)((Version << 6) | (padding ? 0x20 : 0) | count);
        destination[1] = (byte)type;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((packetLength / 4) - 1));
    }
}
