using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// Converts between an original RTP packet and its RTX retransmission (RFC 4588 §4): the RTX packet keeps the
/// original header (marker, timestamp, CSRCs, extensions) with the RTX stream's SSRC, sequence number and
/// payload type, and prepends the original sequence number (OSN) to the payload. Padding is not carried over.
/// </summary>
public static class RtxPacket
{
    /// <summary>Bytes an RTX packet needs for <paramref name="original"/>.</summary>
    public static int GetWrittenLength(RtpPacket original) =>
        original.HeaderLength + RtxPayload.OriginalSequenceNumberLength + original.Payload.Length;

    /// <summary>Builds the RTX packet for <paramref name="original"/> into a separate buffer (e.g. from the send history).</summary>
    public static bool TryWrite(RtpPacket original, Span<byte> destination, ushort rtxSequenceNumber, uint rtxSsrc,
        byte rtxPayloadType, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rtxPayloadType, (byte)0x7F);
        bytesWritten = 0;
        var length = GetWrittenLength(original);
        if (length > destination.Length)
        {
            return false;
        }

        original.Data[..original.HeaderLength].CopyTo(destination);
        original.Payload.CopyTo(destination[(original.HeaderLength + RtxPayload.OriginalSequenceNumberLength)..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[original.HeaderLength..], original.SequenceNumber);
        Rewrite(destination, rtxSequenceNumber, rtxSsrc, rtxPayloadType);
        bytesWritten = length;
        return true;
    }

    /// <summary>
    /// Turns the original packet in <paramref name="buffer"/>[..<paramref name="packetLength"/>] into its RTX
    /// packet in place, shifting the payload by two bytes. False when the packet does not parse or the buffer
    /// has no room for the OSN.
    /// </summary>
    public static bool TryWrapInPlace(Span<byte> buffer, int packetLength, ushort rtxSequenceNumber, uint rtxSsrc,
        byte rtxPayloadType, out int rtxLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rtxPayloadType, (byte)0x7F);
        rtxLength = 0;
        if ((uint)packetLength > (uint)buffer.Length || !RtpPacket.TryParse(buffer[..packetLength], out var original))
        {
            return false;
        }

        var length = GetWrittenLength(original);
        if (length > buffer.Length)
        {
            return false;
        }

        var headerLength = original.HeaderLength;
        var payloadLength = original.Payload.Length;
        var originalSequenceNumber = original.SequenceNumber;
        buffer.Slice(headerLength, payloadLength).CopyTo(buffer[(headerLength + RtxPayload.OriginalSequenceNumberLength)..]);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[headerLength..], originalSequenceNumber);
        Rewrite(buffer, rtxSequenceNumber, rtxSsrc, rtxPayloadType);
        rtxLength = length;
        return true;
    }

    /// <summary>
    /// Restores the original packet from the RTX packet that fills <paramref name="packet"/>, in place:
    /// sequence number from the OSN, the original SSRC and payload type, payload moved back by two bytes.
    /// </summary>
    public static bool TryUnwrapInPlace(Span<byte> packet, uint originalSsrc, byte originalPayloadType, out int originalLength)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(originalPayloadType, (byte)0x7F);
        originalLength = 0;
        if (!RtpPacket.TryParse(packet, out var rtx) || !RtxPayload.TryParse(rtx.Payload, out var payload))
        {
            return false;
        }

        var headerLength = rtx.HeaderLength;
        var originalSequenceNumber = payload.OriginalSequenceNumber;
        var length = headerLength + payload.OriginalPayload.Length;
        packet.Slice(headerLength + RtxPayload.OriginalSequenceNumberLength, payload.OriginalPayload.Length)
            .CopyTo(packet[headerLength..]);
        Rewrite(packet, originalSequenceNumber, originalSsrc, originalPayloadType);
        originalLength = length;
        return true;
    }

    private static void Rewrite(Span<byte> packet, ushort sequenceNumber, uint ssrc, byte payloadType)
    {
        packet[0] &= 0xDF; // P cleared: the padding is not carried over.
        packet[1] = (byte)((packet[1] & 0x80) | payloadType);
        BinaryPrimitives.WriteUInt16BigEndian(packet[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(packet[8..], ssrc);
    }
}
