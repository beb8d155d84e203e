using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=msid-semantic: WMS [stream ids | *]</c> from the pre-RFC msid drafts. Chromium still sends it
/// (with a space after the colon), so it is parsed leniently and written without the space.
/// </summary>
public sealed record MsidSemantic(string Semantic, IReadOnlyList<string> Identifiers) : ISdpAttributeValue<MsidSemantic>
{
    public const string WebRtcMediaStream = "WMS";

    public static string AttributeName => SdpAttributeNames.MsidSemantic;

    public static bool TryParse(string value, [NotNullWhen(true)] out MsidSemantic? result)
    {
        result = null;
        var fields = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 0 || fields.Any(field => !SdpGrammar.IsToken(field)))
        {
            return false;
        }

        result = new MsidSemantic(fields[0], fields[1..]);
        return true;
    }

    public string FormatValue() =>
        Identifiers.Count == 0 ? Semantic : Semantic + " " + string.Join(' ', Identifiers);

    public bool Equals(MsidSemantic? other) =>
        other is not null && Semantic == other.Semantic && SdpEquality.Lists(Identifiers, other.Identifiers);

    public override int GetHashCode() => HashCode.Combine(Semantic, SdpEquality.Hash(Identifiers));
}
