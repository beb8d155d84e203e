using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c>
/// (RFC 8866 §6.6). For audio the encoding parameter is the channel count.
/// </summary>
public sealed record RtpMap(byte PayloadType, string EncodingName, uint ClockRate, int? Channels = null)
    : ISdpAttributeValue<RtpMap>
{
    public static string AttributeName => SdpAttributeNames.RtpMap;

    public static bool TryParse(string value, [NotNullWhen(true)] out RtpMap? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var fields) || fields.Length != 2 ||
            !SdpGrammar.TryParsePayloadType(fields[0], out var payloadType))
        {
            return false;
        }

        var parts = fields[1].Split('/');
        if (parts.Length is < 2 or > 3 || !SdpGrammar.IsToken(parts[0]) || parts[0].Contains('/', StringComparison.Ordinal) ||
            !SdpGrammar.TryParseUInt32(parts[1], out var clockRate) || clockRate == 0)
        {
            return false;
        }

        int? channels = null;
        if (parts.Length == 3)
        {
            if (!SdpGrammar.TryParseInt(parts[2], 1, 255, out var count))
            {
                return false;
            }

            channels = count;
        }

        result = new RtpMap(payloadType, parts[0], clockRate, channels);
        return true;
    }

    public string FormatValue()
    {
        var text = SdpGrammar.Number(PayloadType) + " " + EncodingName + "/" + SdpGrammar.Number(ClockRate);
        return Channels is { } channels ? text + "/" + SdpGrammar.Number(channels) : text;
    }
}
