using System.Buffers.Binary;

namespace AnHop.Media.Stun;

// Typed readers for the attributes ICE and STUN binding use. Each returns false when the attribute is
// absent or malformed; the first occurrence wins (RFC 8489 §14).
public readonly ref partial struct StunMessage
{
    public bool TryGetXorMappedAddress(out StunAddress address)
    {
        address = default;
        return TryGetAttribute(StunAttributeType.XorMappedAddress, out var value)
            && XorMappedAddress.TryParse(value, TransactionId, out address);
    }

    public bool TryGetMappedAddress(out StunAddress address)
    {
        address = default;
        return TryGetAttribute(StunAttributeType.MappedAddress, out var value)
            && MappedAddress.TryParse(value, out address);
    }

    /// <summary>USERNAME (RFC 8489 §14.3): UTF-8, under 513 bytes.</summary>
    public bool TryGetUsername(out ReadOnlySpan<byte> username) =>
        TryGetAttribute(StunAttributeType.Username, out username) && username.Length <= 512;

    /// <summary>SOFTWARE (RFC 8489 §14.14): UTF-8, at most 763 bytes.</summary>
    public bool TryGetSoftware(out ReadOnlySpan<byte> software) =>
        TryGetAttribute(StunAttributeType.Software, out software) && software.Length <= 763;

    public bool TryGetErrorCode(out StunErrorCode error)
    {
        error = default;
        return TryGetAttribute(StunAttributeType.ErrorCode, out var value) && StunErrorCode.TryParse(value, out error);
    }

    /// <summary>UNKNOWN-ATTRIBUTES (RFC 8489 §14.9): a list of 16-bit types, returned as raw big-endian bytes.</summary>
    public bool TryGetUnknownAttributes(out ReadOnlySpan<byte> types) =>
        TryGetAttribute(StunAttributeType.UnknownAttributes, out types) && (types.Length & 1) == 0;

    /// <summary>PRIORITY (RFC 8445 §16.1): 32 bits.</summary>
    public bool TryGetPriority(out uint priority)
    {
        priority = 0;
        if (!TryGetAttribute(StunAttributeType.Priority, out var value) || value.Length != 4)
        {
            return false;
        }

        priority = BinaryPrimitives.ReadUInt32BigEndian(value);
        return true;
    }

    /// <summary>USE-CANDIDATE (RFC 8445 §16.1): no value.</summary>
    public bool HasUseCandidate => HasAttribute(StunAttributeType.UseCandidate);

    /// <summary>ICE-CONTROLLING (RFC 8445 §16.1): the sender's 64-bit tiebreaker.</summary>
    public bool TryGetIceControlling(out ulong tiebreaker) => TryGetTiebreaker(StunAttributeType.IceControlling, out tiebreaker);

    /// <summary>ICE-CONTROLLED (RFC 8445 §16.1): the sender's 64-bit tiebreaker.</summary>
    public bool TryGetIceControlled(out ulong tiebreaker) => TryGetTiebreaker(StunAttributeType.IceControlled, out tiebreaker);

    private bool TryGetTiebreaker(StunAttributeType type, out ulong tiebreaker)
    {
        tiebreaker = 0;
        if (!TryGetAttribute(type, out var value) || value.Length != 8)
        {
            return false;
        }

        tiebreaker = BinaryPrimitives.ReadUInt64BigEndian(value);
        return true;
    }
}
