namespace AnHop.Media.Stun;

/// <summary>
/// The class of a STUN message (RFC 8489 §5). The values are the two class bits C1 C0, so all four
/// are valid on the wire and there is no Unknown member.
/// </summary>
public enum StunClass
{
    Request = 0b00,
    Indication = 0b01,
    SuccessResponse = 0b10,
    ErrorResponse = 0b11,
}
