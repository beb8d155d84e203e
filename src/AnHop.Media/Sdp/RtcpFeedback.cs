using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=rtcp-fb:&lt;pt or *&gt; &lt;type&gt; [&lt;parameters&gt;]</c> (RFC 4585 §4.2), e.g. "96 nack pli",
/// "96 ccm fir", "* transport-cc". A null payload type is the '*' wildcard.
/// </summary>
public sealed record RtcpFeedback(byte? PayloadType, string Type, string? Parameter = null) : ISdpAttributeValue<RtcpFeedback>
{
    public static string AttributeName => SdpAttributeNames.RtcpFeedback;

    public static bool TryParse(string value, [NotNullWhen(true)] out RtcpFeedback? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var fields) || fields.Length < 2 || !SdpGrammar.IsToken(fields[1]))
        {
            return false;
        }

        byte? payloadType = null;
        if (fields[0] != "*")
        {
            if (!SdpGrammar.TryParsePayloadType(fields[0], out var parsed))
            {
                return false;
            }

            payloadType = parsed;
        }

        result = new RtcpFeedback(payloadType, fields[1], fields.Length > 2 ? string.Join(' ', fields[2..]) : null);
        return true;
    }

    /// <summary>Whether this line applies to the payload type (directly or through '*').</summary>
    public bool AppliesTo(byte payloadType) => PayloadType is null || PayloadType == payloadType;

    public string FormatValue()
    {
        var text = (PayloadType is { } pt ? SdpGrammar.Number(pt) : "*") + " " + Type;
        return Parameter is null ? text : text + " " + Parameter;
    }
}
