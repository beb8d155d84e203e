using System.Buffers.Binary;

namespace AnHop.Media.Stun;

/// <summary>
/// Builds a STUN message in the caller's buffer (RFC 8489 §5, §14). The header's length field is kept
/// current after every attribute, so <see cref="Written"/> is always a complete message. Every method
/// returns false, and writes nothing, when the buffer is too small or the input is invalid.
/// Finish with <see cref="TryAddMessageIntegrity"/> then <see cref="TryAddFingerprint"/>, in that order.
/// </summary>
public ref partial struct StunMessageWriter
{
    private readonly Span<byte> _buffer;
    private bool _hasIntegrity;
    private bool _hasFingerprint;

    public StunMessageWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        Length = 0;
        _hasIntegrity = false;
        _hasFingerprint = false;
    }

    /// <summary>Bytes written so far; 0 until the header is written.</summary>
    public int Length { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    /// <summary>Starts the message; see <see cref="StunMessage.TryParse(ReadOnlySpan{byte}, out StunMessage, out string?)"/> for the layout.</summary>
    public bool TryWriteHeader(ushort messageType, ReadOnlySpan<byte> transactionId)
    {
        if (messageType > 0x3FFF || transactionId.Length != StunMessage.TransactionIdLength
            || _buffer.Length < StunMessage.HeaderLength)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer, messageType);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer[4..], StunMessage.MagicCookie);
        transactionId.CopyTo(_buffer[8..]);
        Length = StunMessage.HeaderLength;
        _hasIntegrity = false;
        _hasFingerprint = false;
        return true;
    }

    public bool TryWriteHeader(StunMethod method, StunClass @class, ReadOnlySpan<byte> transactionId) =>
        TryWriteHeader(StunMessageType.Compose(method, @class), transactionId);

    /// <summary>Adds any attribute with its value copied as is, zero-padded to 4 bytes.</summary>
    public bool TryAddAttribute(StunAttributeType type, ReadOnlySpan<byte> value)
    {
        if (!TryReserve(type, value.Length, out var destination))
        {
            return false;
        }

        value.CopyTo(destination);
        return true;
    }

    /// <summary>
    /// Writes the attribute header, zeroes the padding, moves <see cref="Length"/> past it and updates the
    /// header length; the caller fills <paramref name="value"/>. Nothing may follow FINGERPRINT, and only
    /// FINGERPRINT or MESSAGE-INTEGRITY-SHA256 may follow MESSAGE-INTEGRITY (RFC 8489 §14.5, §14.7).
    /// </summary>
    private bool TryReserve(StunAttributeType type, int valueLength, out Span<byte> value)
    {
        value = default;
        var total = 4 + StunMessage.Pad(valueLength);
        var sealedOff = _hasFingerprint || (_hasIntegrity
            && type is not (StunAttributeType.Fingerprint or StunAttributeType.MessageIntegritySha256));
        if (sealedOff || Length < StunMessage.HeaderLength || valueLength > ushort.MaxValue
            || total > _buffer.Length - Length || Length + total - StunMessage.HeaderLength > ushort.MaxValue)
        {
            return false;
        }

        var attribute = _buffer.Slice(Length, total);
        BinaryPrimitives.WriteUInt16BigEndian(attribute, (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], (ushort)valueLength);
        attribute[(4 + valueLength)..].Clear();
        value = attribute.Slice(4, valueLength);
        _hasIntegrity |= type == StunAttributeType.MessageIntegrity;
        _hasFingerprint |= type == StunAttributeType.Fingerprint;
        Length += total;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(Length - StunMessage.HeaderLength));
        return true;
    }
}
