using System.Buffers.Binary;

namespace AnHop.Media.Stun;

// Typed attribute writers, the counterparts of StunMessage.Attributes.cs.
public ref partial struct StunMessageWriter
{
    public bool TryAddXorMappedAddress(in StunAddress address)
    {
        if (address.Family == StunAddressFamily.Unknown || Length < StunMessage.HeaderLength)
        {
            return false;
        }

        var transactionId = _buffer.Slice(8, StunMessage.TransactionIdLength);
        return TryReserve(StunAttributeType.XorMappedAddress, XorMappedAddress.GetLength(address), out var value)
            && XorMappedAddress.TryWrite(value, address, transactionId, out _);
    }

    public bool TryAddMappedAddress(in StunAddress address) =>
        address.Family != StunAddressFamily.Unknown
        && TryReserve(StunAttributeType.MappedAddress, MappedAddress.GetLength(address), out var value)
        && MappedAddress.TryWrite(value, address, out _);

    /// <summary>USERNAME (RFC 8489 §14.3): UTF-8, under 513 bytes.</summary>
    public bool TryAddUsername(ReadOnlySpan<byte> username) =>
        username.Length <= 512 && TryAddAttribute(StunAttributeType.Username, username);

    /// <summary>SOFTWARE (RFC 8489 §14.14): UTF-8, at most 763 bytes.</summary>
    public bool TryAddSoftware(ReadOnlySpan<byte> software) =>
        software.Length <= 763 && TryAddAttribute(StunAttributeType.Software, software);

    public bool TryAddErrorCode(int code, ReadOnlySpan<byte> reasonPhrase) =>
        code is >= 300 and <= 699 && reasonPhrase.Length <= StunErrorCode.MaxReasonLength
        && TryReserve(StunAttributeType.ErrorCode, StunErrorCode.GetLength(reasonPhrase), out var value)
        && StunErrorCode.TryWrite(value, code, reasonPhrase, out _);

    /// <summary>ERROR-CODE with the RFC's suggested reason phrase.</summary>
    public bool TryAddErrorCode(int code) => TryAddErrorCode(code, StunErrorCode.DefaultReason(code));

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): the comprehension-required types we refused.</summary>
    public bool TryAddUnknownAttributes(ReadOnlySpan<ushort> types)
    {
        if (!TryReserve(StunAttributeType.UnknownAttributes, types.Length * 2, out var value))
        {
            return false;
        }

        for (var i = 0; i < types.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(value[(i * 2)..], types[i]);
        }

        return true;
    }

    public bool TryAddPriority(uint priority)
    {
        if (!TryReserve(StunAttributeType.Priority, 4, out var value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, priority);
        return true;
    }

    public bool TryAddUseCandidate() => TryReserve(StunAttributeType.UseCandidate, 0, out _);

    public bool TryAddIceControlling(ulong tiebreaker) => TryAddTiebreaker(StunAttributeType.IceControlling, tiebreaker);

    public bool TryAddIceControlled(ulong tiebreaker) => TryAddTiebreaker(StunAttributeType.IceControlled, tiebreaker);

    /// <summary>
    /// Adds MESSAGE-INTEGRITY (RFC 8489 §14.5): HMAC-SHA1 over everything written so far, with the header
    /// length counting this attribute. Only FINGERPRINT may follow.
    /// </summary>
    public bool TryAddMessageIntegrity(StunIntegrityKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var start = Length;
        if (!TryReserve(StunAttributeType.MessageIntegrity, StunIntegrityKey.MacLength, out var mac))
        {
            return false;
        }

        key.Compute(_buffer[..start], (ushort)(Length - StunMessage.HeaderLength), mac);
        return true;
    }

    /// <summary>Adds FINGERPRINT (RFC 8489 §14.7), which must be the last attribute.</summary>
    public bool TryAddFingerprint()
    {
        var start = Length;
        if (!TryReserve(StunAttributeType.Fingerprint, 4, out var value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(value, StunFingerprint.Compute(_buffer[..start]));
        return true;
    }

    private bool TryAddTiebreaker(StunAttributeType type, ulong tiebreaker)
    {
        if (!TryReserve(type, 8, out var value))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt64BigEndian(value, tiebreaker);
        return true;
    }
}
