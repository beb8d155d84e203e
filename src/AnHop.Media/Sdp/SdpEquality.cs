namespace AnHop.Media.Sdp;

/// <summary>Structural equality for the list members of the typed attribute records.</summary>
internal static class SdpEquality
{
    public static bool Lists<T>(IReadOnlyList<T> left, IReadOnlyList<T> right) =>
        ReferenceEquals(left, right) || left.SequenceEqual(right);

    public static int Hash<T>(IReadOnlyList<T> list)
    {
        var hash = new HashCode();
        foreach (var item in list)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
