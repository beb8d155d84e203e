using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=msid:&lt;stream id&gt; [&lt;track id&gt;]</c> (RFC 8830 §2): the MediaStream a track belongs to;
/// "-" means no stream.
/// </summary>
public sealed record Msid(string StreamId, string? TrackId = null) : ISdpAttributeValue<Msid>
{
    public static string AttributeName => SdpAttributeNames.Msid;

    public static bool TryParse(string value, [NotNullWhen(true)] out Msid? result)
    {
        result = null;
        // msid-id = 1*64token-char; msid-appdata = 1*64token-char.
        if (!SdpGrammar.TrySplitFields(value, out var fields) || fields.Length > 2 ||
            fields.Any(field => field.Length > 64 || !SdpGrammar.IsToken(field)))
        {
            return false;
        }

        result = new Msid(fields[0], fields.Length == 2 ? fields[1] : null);
        return true;
    }

    public string FormatValue() => TrackId is null ? StreamId : StreamId + " " + TrackId;
}
