using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=ssrc-group:&lt;semantics&gt; *(SP ssrc-id)</c> (RFC 5576 §4.2). FID pairs a media SSRC with its
/// RTX SSRC (RFC 4588 §8.1 via RFC 5576 §5); SIM lists simulcast layers, lowest first.
/// </summary>
public sealed record SsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs) : ISdpAttributeValue<SsrcGroup>
{
    public const string FlowIdentification = "FID";
    public const string Simulcast = "SIM";

    public static string AttributeName => SdpAttributeNames.SsrcGroup;

    public static bool TryParse(string value, [NotNullWhen(true)] out SsrcGroup? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var fields) || !SdpGrammar.IsToken(fields[0]))
        {
            return false;
        }

        var ssrcs = new uint[fields.Length - 1];
        for (var i = 1; i < fields.Length; i++)
        {
            if (!SdpGrammar.TryParseUInt32(fields[i], out ssrcs[i - 1]))
            {
                return false;
            }
        }

        result = new SsrcGroup(fields[0], ssrcs);
        return true;
    }

    public string FormatValue() =>
        Ssrcs.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Ssrcs.Select(ssrc => SdpGrammar.Number(ssrc)));

    public bool Equals(SsrcGroup? other) =>
        other is not null && Semantics == other.Semantics && SdpEquality.Lists(Ssrcs, other.Ssrcs);

    public override int GetHashCode() => HashCode.Combine(Semantics, SdpEquality.Hash(Ssrcs));
}
