namespace AnHop.Media.Rtcp;

// draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1.3, run length chunk:
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |T| S |       Run Length        |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// T = 0, S = the status symbol repeated Run Length times.
//
// §3.1.4, status vector chunk:
//  0                   1
//  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// |T|S|       symbol list         |
// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
// T = 1; S = 0: fourteen 1-bit symbols (0 not received, 1 small delta);
// S = 1: seven 2-bit symbols. The first symbol sits in the most significant bits.

/// <summary>Reads and builds the 16-bit packet chunks of transport-wide CC feedback.</summary>
internal static class TransportCcChunk
{
    public const int MaxRunLength = 0x1FFF;
    public const int OneBitCapacity = 14;
    public const int TwoBitCapacity = 7;
    public const int ReservedSymbol = 3;

    public static bool IsRunLength(int chunk) => (chunk & 0x8000) == 0;

    public static bool IsTwoBit(int chunk) => (chunk & 0x4000) != 0;

    public static int SymbolCount(int chunk) =>
        IsRunLength(chunk) ? chunk & MaxRunLength : IsTwoBit(chunk) ? TwoBitCapacity : OneBitCapacity;

    public static TransportCcStatus Symbol(int chunk, int index) => (TransportCcStatus)RawSymbol(chunk, index);

    public static int RawSymbol(int chunk, int index)
    {
        if (IsRunLength(chunk))
        {
            return (chunk >> 13) & 3;
        }

        return IsTwoBit(chunk) ? (chunk >> (12 - (2 * index))) & 3 : (chunk >> (13 - index)) & 1;
    }

    public static ushort RunLength(int symbol, int length) => (ushort)((symbol << 13) | length);

    /// <summary>A vector chunk of <paramref name="count"/> symbols packed two bits each from bit 0 of <paramref name="symbols"/>.</summary>
    public static ushort TwoBitVector(uint symbols, int count)
    {
        var chunk = 0xC000;
        for (var i = 0; i < count; i++)
        {
            chunk |= (int)((symbols >> (2 * i)) & 3) << (12 - (2 * i));
        }

        return (ushort)chunk;
    }

    public static ushort OneBitVector(uint symbols, int count)
    {
        var chunk = 0x8000;
        for (var i = 0; i < count; i++)
        {
            chunk |= (int)((symbols >> (2 * i)) & 1) << (13 - i);
        }

        return (ushort)chunk;
    }
}
