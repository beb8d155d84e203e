namespace AnHop.Media.Stun;

/// <summary>
/// STUN attribute types this code knows (RFC 8489 §18.3, RFC 8445 §16.1). Types 0x0000–0x7FFF are
/// comprehension-required, 0x8000–0xFFFF comprehension-optional (RFC 8489 §14).
/// </summary>
public enum StunAttributeType : ushort
{
    Unknown = 0x0000,
    MappedAddress = 0x0001,
    Username = 0x0006,
    MessageIntegrity = 0x0008,
    ErrorCode = 0x0009,
    UnknownAttributes = 0x000A,
    Realm = 0x0014,
    Nonce = 0x0015,
    MessageIntegritySha256 = 0x001C,
    PasswordAlgorithm = 0x001D,
    UserHash = 0x001E,
    XorMappedAddress = 0x0020,
    Priority = 0x0024,
    UseCandidate = 0x0025,
    PasswordAlgorithms = 0x8002,
    AlternateDomain = 0x8003,
    Software = 0x8022,
    AlternateServer = 0x8023,
    Fingerprint = 0x8028,
    IceControlled = 0x8029,
    IceControlling = 0x802A,

    /// <summary>Chromium's GOOG-NETWORK-INFO (network id and cost); comprehension-optional, ignored.</summary>
    GoogNetworkInfo = 0xC057,
}

public static class StunAttributeTypeExtensions
{
    /// <summary>RFC 8489 §14: a receiver that does not understand a type below 0x8000 must reject the message.</summary>
    public static bool IsComprehensionRequired(this StunAttributeType type) => (ushort)type < 0x8000;
}
