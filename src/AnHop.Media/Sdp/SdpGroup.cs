using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=group:&lt;semantics&gt; *(SP identification-tag)</c> (RFC 5888 §5); with BUNDLE semantics
/// the first mid is the offerer's tagged m= section (RFC 9143 §7.1).
/// </summary>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids) : ISdpAttributeValue<SdpGroup>
{
    public const string Bundle = "BUNDLE";

    public static string AttributeName => SdpAttributeNames.Group;

    public static SdpGroup CreateBundle(params string[] mids) => new(Bundle, mids);

    public static bool TryParse(string value, [NotNullWhen(true)] out SdpGroup? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var fields) || !SdpGrammar.IsToken(fields[0]))
        {
            return false;
        }

        for (var i = 1; i < fields.Length; i++)
        {
            if (!SdpGrammar.IsToken(fields[i]))
            {
                return false;
            }
        }

        result = new SdpGroup(fields[0], fields[1..]);
        return true;
    }

    public string FormatValue() => Mids.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Mids);

    public bool Equals(SdpGroup? other) =>
        other is not null && Semantics == other.Semantics && SdpEquality.Lists(Mids, other.Mids);

    public override int GetHashCode() => HashCode.Combine(Semantics, SdpEquality.Hash(Mids));
}
