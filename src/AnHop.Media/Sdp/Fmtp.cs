using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c> (RFC 8866 §6.15). Most codecs use
/// <c>key=value</c> pairs separated by ';' (apt= names the payload type an RTX format repairs, RFC 4588 §8.1),
/// but some do not (telephone-event "0-16", red "111/111"), so the text is kept as written.
/// </summary>
public sealed record Fmtp(byte PayloadType, string Parameters) : ISdpAttributeValue<Fmtp>
{
    public static string AttributeName => SdpAttributeNames.Fmtp;

    /// <summary>The payload type of the original stream that an RTX format repairs, or null.</summary>
    public int? AssociatedPayloadType =>
        GetParameter("apt") is { } apt && SdpGrammar.TryParsePayloadType(apt, out var payloadType) ? payloadType : null;

    public static Fmtp FromParameters(byte payloadType, IEnumerable<KeyValuePair<string, string>> parameters) =>
        new(payloadType, string.Join(';', parameters.Select(pair => pair.Key + "=" + pair.Value)));

    public static bool TryParse(string value, [NotNullWhen(true)] out Fmtp? result)
    {
        result = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space == value.Length - 1 || !SdpGrammar.TryParsePayloadType(value.AsSpan(0, space), out var payloadType))
        {
            return false;
        }

        result = new Fmtp(payloadType, value[(space + 1)..]);
        return true;
    }

    /// <summary>The <c>key=value</c> pairs, keys as written; a part without '=' has an empty value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ParseParameters()
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in Parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            pairs.Add(equals < 0
                ? new KeyValuePair<string, string>(part, string.Empty)
                : new KeyValuePair<string, string>(part[..equals].Trim(), part[(equals + 1)..].Trim()));
        }

        return pairs;
    }

    /// <summary>The value of a parameter, compared case-insensitively as RFC 8866 §6.15 leaves case to the codec; most are case-insensitive.</summary>
    public string? GetParameter(string key)
    {
        foreach (var pair in ParseParameters())
        {
            if (string.Equals(pair.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Value;
            }
        }

        return null;
    }

    public string FormatValue() => SdpGrammar.Number(PayloadType) + " " + Parameters;
}
