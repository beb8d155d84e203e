using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> (RFC 5576 §4.1), e.g. "1189684665 cname:NoTMuCLNFErLo8i9".
/// </summary>
public sealed record SsrcAttribute(uint Ssrc, string Attribute, string? Value = null) : ISdpAttributeValue<SsrcAttribute>
{
    public const string CName = "cname";

    public static string AttributeName => SdpAttributeNames.Ssrc;

    public static bool TryParse(string value, [NotNullWhen(true)] out SsrcAttribute? result)
    {
        result = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !SdpGrammar.TryParseUInt32(value.AsSpan(0, space), out var ssrc))
        {
            return false;
        }

        var rest = value[(space + 1)..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? rest : rest[..colon];
        if (!SdpGrammar.IsToken(name))
        {
            return false;
        }

        result = new SsrcAttribute(ssrc, name, colon < 0 ? null : rest[(colon + 1)..]);
        return true;
    }

    public string FormatValue()
    {
        var text = SdpGrammar.Number(Ssrc) + " " + Attribute;
        return Value is null ? text : text + ":" + Value;
    }
}
