namespace AnHop.Media.Srtp;

/// <summary>
/// The sliding replay window of RFC 3711 §3.3.2: the highest index accepted so far and a bitmap of the
/// indices just below it. Bit i of the bitmap stands for index (highest − i).
/// </summary>
internal sealed class SrtpReplayWindow
{
    private readonly ulong[] words;
    private ulong highest;
    private bool any;

    public SrtpReplayWindow(int bits)
    {
        if (bits < 64 || bits % 64 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "window must be a positive multiple of 64 bits");
        }

        words = new ulong[bits / 64];
    }

    public int Size => words.Length * 64;

    /// <summary>Returns null when <paramref name="index"/> may be accepted, else why not.</summary>
    public string? Check(ulong index)
    {
        if (!any || index > highest)
        {
            return null;
        }

        var age = highest - index;
        if (age >= (ulong)Size)
        {
            return SrtpErrors.TooOld;
        }

        return (words[(int)(age / 64)] & (1UL << (int)(age % 64))) != 0 ? SrtpErrors.Replayed : null;
    }

    /// <summary>Records an authenticated index; call only after <see cref="Check"/> passed.</summary>
    public void Accept(ulong index)
    {
        if (!any)
        {
            any = true;
            highest = index;
            words[0] = 1;
            return;
        }

        if (index > highest)
        {
            Shift(index - highest);
            highest = index;
            words[0] |= 1;
            return;
        }

        var age = highest - index;
        if (age < (ulong)Size)
        {
            words[(int)(age / 64)] |= 1UL << (int)(age % 64);
        }
    }

    private void Shift(ulong distance)
    {
        if (distance >= (ulong)Size)
        {
            Array.Clear(words);
            return;
        }

        var wordShift = (int)(distance / 64);
        var bitShift = (int)(distance % 64);
        for (var k = words.Length - 1; k >= 0; k--)
        {
            var source = k - wordShift;
            var value = source >= 0 ? words[source] << bitShift : 0;
            if (bitShift != 0 && source - 1 >= 0)
            {
                value |= words[source - 1] >> (64 - bitShift);
            }

            words[k] = value;
        }
    }
}
