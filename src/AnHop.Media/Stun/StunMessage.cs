using System.Buffers.Binary;

namespace AnHop.Media.Stun;

/// <summary>
/// A validated view over one STUN message in the receive buffer (RFC 8489 §5). Parsing checks the
/// header and walks every attribute once, so later lookups cannot run past the data. Nothing is copied.
/// </summary>
public readonly ref partial struct StunMessage
{
    public const int HeaderLength = 20;
    public const int TransactionIdLength = 12;
    public const uint MagicCookie = 0x2112A442;

    private const int IntegrityValueLength = 20;
    private const int FingerprintValueLength = 4;

    private readonly int _integrityOffset;
    private readonly int _fingerprintOffset;
    private readonly int _visibleEnd;

    private StunMessage(ReadOnlySpan<byte> data, int integrityOffset, int fingerprintOffset, int visibleEnd)
    {
        Data = data;
        _integrityOffset = integrityOffset;
        _fingerprintOffset = fingerprintOffset;
        _visibleEnd = visibleEnd;
    }

    /// <summary>The whole message, aliasing the receive buffer.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>The 14-bit message type, e.g. <see cref="StunMessageType.BindingRequest"/>.</summary>
    public ushort Type => BinaryPrimitives.ReadUInt16BigEndian(Data);

    public StunMethod Method => StunMessageType.GetMethod(Type);

    public StunClass Class => StunMessageType.GetClass(Type);

    public ReadOnlySpan<byte> TransactionId => Data.Slice(8, TransactionIdLength);

    public bool HasMessageIntegrity => _integrityOffset >= 0;

    public bool HasFingerprint => _fingerprintOffset >= 0;

    public StunAttributeEnumerator Attributes => new(Data, _visibleEnd, _fingerprintOffset);

    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage message) => TryParse(data, out message, out _);

    /// <summary>
    /// Parses a STUN message that fills <paramref name="data"/> exactly (RFC 8489 §5, §14):
    /// <code>
    ///  0                   1                   2                   3
    ///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |0 0|     STUN Message Type     |         Message Length        |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                         Magic Cookie                          |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// |                                                               |
    /// |                     Transaction ID (96 bits)                  |
    /// |                                                               |
    /// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
    /// </code>
    /// MESSAGE-INTEGRITY must be 20 bytes and FINGERPRINT 4 bytes and last (§14.5, §14.7). RFC 3489
    /// messages without the magic cookie are refused: ICE peers always send it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage message, out string? reason)
    {
        message = default;
        if (data.Length < HeaderLength)
        {
            reason = "shorter than the 20-byte STUN header";
            return false;
        }

        if ((data[0] & 0xC0) != 0)
        {
            reason = "the two leading bits are not zero";
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if ((length & 3) != 0)
        {
            reason = "message length is not a multiple of 4";
            return false;
        }

        if (HeaderLength + length != data.Length)
        {
            reason = "message length does not match the datagram size";
            return false;
        }

        if (BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != MagicCookie)
        {
            reason = "magic cookie missing";
            return false;
        }

        var integrityOffset = -1;
        var fingerprintOffset = -1;
        var position = HeaderLength;
        while (position < data.Length)
        {
            if (fingerprintOffset >= 0)
            {
                reason = "attribute after FINGERPRINT";
                return false;
            }

            // The length is a multiple of 4 and so is every padded attribute, so a whole attribute header remains.
            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(data[(position + 2)..]);
            if (Pad(valueLength) > data.Length - position - 4)
            {
                reason = "attribute runs past the end of the message";
                return false;
            }

            if (type == StunAttributeType.MessageIntegrity && integrityOffset < 0)
            {
                if (valueLength != IntegrityValueLength)
                {
                    reason = "MESSAGE-INTEGRITY is not 20 bytes";
                    return false;
                }

                integrityOffset = position;
            }
            else if (type == StunAttributeType.Fingerprint)
            {
                if (valueLength != FingerprintValueLength)
                {
                    reason = "FINGERPRINT is not 4 bytes";
                    return false;
                }

                fingerprintOffset = position;
            }

            position += 4 + Pad(valueLength);
        }

        var visibleEnd = integrityOffset >= 0 ? integrityOffset + 4 + IntegrityValueLength : data.Length;
        message = new StunMessage(data, integrityOffset, fingerprintOffset, visibleEnd);
        reason = null;
        return true;
    }

    /// <summary>Finds the first attribute of a type (RFC 8489 §14: later duplicates are ignored).</summary>
    public bool TryGetAttribute(StunAttributeType type, out ReadOnlySpan<byte> value)
    {
        foreach (var attribute in Attributes)
        {
            if (attribute.Type == type)
            {
                value = attribute.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public bool HasAttribute(StunAttributeType type) => TryGetAttribute(type, out _);

    internal static int Pad(int length) => (length + 3) & ~3;
}
