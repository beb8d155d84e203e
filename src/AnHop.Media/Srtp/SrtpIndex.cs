namespace AnHop.Media.Srtp;

/// <summary>The 48-bit SRTP packet index i = 2^16 × ROC + SEQ and its estimation (RFC 3711 §3.3.1).</summary>
internal static class SrtpIndex
{
    private const int Half = 1 << 15;

    public static ulong Of(uint rolloverCounter, ushort sequenceNumber) => ((ulong)rolloverCounter << 16) | sequenceNumber;

    public static uint RolloverCounter(ulong index) => (uint)(index >> 16);

    /// <summary>
    /// Guesses the index of a packet with <paramref name="sequenceNumber"/> from the highest index seen so far
    /// (RFC 3711 Appendix A): v is ROC − 1, ROC or ROC + 1, whichever puts the packet nearest to s_l.
    /// While ROC is 0 a packet cannot come from an earlier roll-over, so it is taken as ahead, as libsrtp does.
    /// </summary>
    public static ulong Estimate(ulong highest, ushort sequenceNumber)
    {
        var roc = RolloverCounter(highest);
        int last = (ushort)highest;
        uint v;
        if (last < Half)
        {
            v = sequenceNumber - last > Half && roc > 0 ? roc - 1 : roc;
        }
        else
        {
            v = last - Half > sequenceNumber ? roc + 1 : roc;
        }

        return Of(v, sequenceNumber);
    }
}
