namespace AnHop.Media.Stun;

/// <summary>The address family byte of (XOR-)MAPPED-ADDRESS (RFC 8489 §14.1).</summary>
public enum StunAddressFamily : byte
{
    Unknown = 0x00,
    IPv4 = 0x01,
    IPv6 = 0x02,
}
