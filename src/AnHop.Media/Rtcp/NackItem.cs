namespace AnHop.Media.Rtcp;

/// <summary>
/// One Generic NACK FCI entry (RFC 4585 §6.2.1): the lost packet ID (PID) and a bitmask of the
/// following lost packets (BLP), bit i meaning PID + i + 1 is lost too.
/// </summary>
public readonly record struct NackItem(ushort PacketId, ushort LostBitmask)
{
    /// <summary>How many sequence numbers this item reports lost (1 to 17).</summary>
    public int LostCount => 1 + System.Numerics.BitOperations.PopCount(LostBitmask);

    public NackLostSequenceEnumerator GetEnumerator() => new(this);

    /// <summary>Writes the lost sequence numbers in order; returns how many it wrote, or -1 when they do not fit.</summary>
    public int CopyLostSequences(Span<ushort> destination)
    {
        if (destination.Length < LostCount)
        {
            return -1;
        }

        var count = 0;
        foreach (var sequence in this)
        {
            destination[count++] = sequence;
        }

        return count;
    }

    /// <summary>
    /// Packs lost sequence numbers into NACK items. Pass them in ascending order (wrap-aware) for the
    /// fewest items; a repeat of the item's PID is skipped, anything else starts a new item.
    /// </summary>
    /// <returns>False when <paramref name="destination"/> is too small.</returns>
    public static bool TryCreate(ReadOnlySpan<ushort> lostSequences, Span<NackItem> destination, out int itemCount)
    {
        itemCount = 0;
        var i = 0;
        while (i < lostSequences.Length)
        {
            if (itemCount == destination.Length)
            {
                itemCount = 0;
                return false;
            }

            destination[itemCount++] = Next(lostSequences, ref i);
        }

        return true;
    }

    /// <summary>Items that <see cref="TryCreate"/> makes from these lost sequence numbers.</summary>
    public static int CountItems(ReadOnlySpan<ushort> lostSequences)
    {
        var count = 0;
        var i = 0;
        while (i < lostSequences.Length)
        {
            Next(lostSequences, ref i);
            count++;
        }

        return count;
    }

    /// <summary>Takes the item that starts at <paramref name="index"/> and moves past the sequences it covers.</summary>
    internal static NackItem Next(ReadOnlySpan<ushort> lostSequences, ref int index)
    {
        var pid = lostSequences[index++];
        ushort mask = 0;
        while (index < lostSequences.Length)
        {
            var distance = (ushort)(lostSequences[index] - pid);
            if (distance > 16)
            {
                break;
            }

            if (distance > 0)
            {
                mask |= (ushort)(1 << (distance - 1));
            }

            index++;
        }

        return new NackItem(pid, mask);
    }
}
