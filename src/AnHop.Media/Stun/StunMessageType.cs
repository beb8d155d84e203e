namespace AnHop.Media.Stun;

/// <summary>
/// Packs and unpacks the 14-bit STUN message type (RFC 8489 §5, Figure 3):
/// <code>
///                     0                 1
///                     2  3  4 5 6 7 8 9 0 1 2 3 4 5
///                    +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
///                    |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
///                    |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
///                    +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public static class StunMessageType
{
    public const ushort BindingRequest = 0x0001;
    public const ushort BindingIndication = 0x0011;
    public const ushort BindingSuccessResponse = 0x0101;
    public const ushort BindingErrorResponse = 0x0111;

    public static ushort Compose(StunMethod method, StunClass @class)
    {
        var m = (int)method & 0xFFF;
        var c = (int)@class & 0b11;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2)
            | ((c & 0b01) << 4) | ((c & 0b10) << 7));
    }

    public static StunMethod GetMethod(ushort type) =>
        (StunMethod)((type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2));

    public static StunClass GetClass(ushort type) =>
        (StunClass)(((type >> 4) & 0b01) | ((type >> 7) & 0b10));
}
