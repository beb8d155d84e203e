namespace AnHop.Media.Stun;

/// <summary>STUN methods (RFC 8489 §18.2). The value is the 12-bit method number.</summary>
public enum StunMethod : ushort
{
    /// <summary>0x000 is reserved by RFC 8489 §18.2; a method we do not know also reads as itself, not as this.</summary>
    Unknown = 0x000,
    Binding = 0x001,
}
