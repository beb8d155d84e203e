using System.Buffers.Binary;

namespace AnHop.Media.Rtp;

/// <summary>
/// Writes whole RTP packets (RFC 3550 §5.1): fixed header, CSRCs, an extension block made by
/// <see cref="RtpHeaderExtensionWriter"/>, payload and optional padding. Used by tests, the load generator
/// and the SFU's own packets. The inputs must not overlap <c>destination</c>.
/// </summary>
public static class RtpPacketWriter
{
    public const int MaxCsrcCount = 15;

    public const int MaxPaddingLength = 255;

    public static int GetWrittenLength(int csrcCount, int extensionBlockLength, int payloadLength, int paddingLength) =>
        RtpPacket.FixedHeaderLength + (4 * csrcCount) + extensionBlockLength + payloadLength + paddingLength;

    /// <summary>
    /// Writes the packet and returns false only when <paramref name="destination"/> is too small.
    /// Throws on arguments no packet can have: over 15 CSRCs, a payload type above 127, padding above 255,
    /// or an extension block whose length word disagrees with its size.
    /// </summary>
    /// <param name="extensionBlock">Empty for none (X clear), else a whole block starting at its profile word.</param>
    /// <param name="paddingLength">0 for none, else 1–255 bytes including the count byte (sets P).</param>
    public static bool TryWrite(Span<byte> destination, in RtpHeaderFields header, ReadOnlySpan<uint> csrcs,
        ReadOnlySpan<byte> extensionBlock, ReadOnlySpan<byte> payload, int paddingLength, out int bytesWritten)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(csrcs.Length, MaxCsrcCount, nameof(csrcs));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(header.PayloadType, (byte)0x7F, nameof(header));
        ArgumentOutOfRangeException.ThrowIfNegative(paddingLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(paddingLength, MaxPaddingLength);
        if (!extensionBlock.IsEmpty && (extensionBlock.Length < RtpHeaderExtensions.BlockHeaderLength
            || extensionBlock.Length != RtpHeaderExtensions.BlockHeaderLength + (4 * BinaryPrimitives.ReadUInt16BigEndian(extensionBlock[2..]))))
        {
            throw new ArgumentException("the extension block's length word does not match its size", nameof(extensionBlock));
        }

        bytesWritten = 0;
        var length = GetWrittenLength(csrcs.Length, extensionBlock.Length, payload.Length, paddingLength);
        if (length > destination.Length)
        {
            return false;
        }

        destination[0] = (byte)((RtpPacket.RtpVersion << 6) | (paddingLength > 0 ? 0x20 : 0)
            | (extensionBlock.IsEmpty ? 0 : 0x10) | csrcs.Length);
        destination[1] = (byte)((header.Marker ? 0x80 : 0) | header.PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], header.SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], header.Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], header.Ssrc);
        var at = RtpPacket.FixedHeaderLength;
        foreach (var csrc in csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[at..], csrc);
            at += 4;
        }

        extensionBlock.CopyTo(destination[at..]);
        at += extensionBlock.Length;
        payload.CopyTo(destination[at..]);
        at += payload.Length;
        if (paddingLength > 0)
        {
            // RFC 3550 §5.1: the last padding octet counts the padding, itself included.
            destination.Slice(at, paddingLength - 1).Clear();
            destination[at + paddingLength - 1] = (byte)paddingLength;
        }

        bytesWritten = length;
        return true;
    }
}
