using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// The transport-wide sequence number header extension (draft-holmer-rmcat-transport-wide-cc-extensions-01 §2),
/// which numbers every packet on the transport for transport-cc feedback.
/// </summary>
public static class TransportWideSequenceNumberExtension
{
    public const int ValueLength = 2;

    public static bool TryParse(ReadOnlySpan<byte> value, out ushort sequenceNumber) =>
        TryParse(value, out sequenceNumber, out _);

    //     0                   1                   2
    //     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    //    |  ID   | L=1   |transport-wide sequence number |
    //    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    public static bool TryParse(ReadOnlySpan<byte> value, out ushort sequenceNumber, out string? reason)
    {
        if (value.Length != ValueLength)
        {
            sequenceNumber = 0;
            reason = RtpParseReasons.ExtensionValueLength;
            return false;
        }

        sequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(value);
        reason = null;
        return true;
    }

    public static bool TryWrite(Span<byte> destination, ushort sequenceNumber, out int bytesWritten)
    {
        bytesWritten = 0;
        if (!BinaryPrimitives.TryWriteUInt16BigEndian(destination, sequenceNumber))
        {
            return false;
        }

        bytesWritten = ValueLength;
        return true;
    }
}
