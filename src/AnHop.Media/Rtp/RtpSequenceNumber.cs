namespace AnHop.Media.Rtp;

/// <summary>
/// RTP sequence number order with wrap-around: RFC 1982 serial number arithmetic with SERIAL_BITS = 16.
/// </summary>
public static class RtpSequenceNumber
{
    /// <summary>Half the sequence space, 2^15: the distance RFC 1982 §3.2 leaves undefined.</summary>
    public const int HalfRange = 0x8000;

    /// <summary>
    /// True when <paramref name="value"/> comes after <paramref name="than"/> (RFC 1982 §3.2): it is ahead
    /// by 1 to 2^15 − 1 steps, modulo 2^16. Values exactly 2^15 apart are undefined and compare false both ways.
    /// </summary>
    public static bool IsNewer(ushort value, ushort than)
    {
        var ahead = (ushort)(value - than);
        return ahead is > 0 and < HalfRange;
    }

    /// <summary>
    /// Signed steps from <paramref name="from"/> to <paramref name="to"/> along the shorter way round
    /// (−2^15 to 2^15 − 1); positive when <paramref name="to"/> is newer.
    /// </summary>
    public static int Difference(ushort to, ushort from) => (short)(ushort)(to - from);
}
