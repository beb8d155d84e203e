using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// An RTP header extension mapping (RFC 8285 §5):
/// <code>
/// a=extmap:&lt;value&gt;["/"&lt;direction&gt;] &lt;URI&gt; &lt;extensionattributes&gt;
/// </code>
/// Values 1-14 fit the one-byte header, 1-255 the two-byte header; 4096-4351 are for negotiation only.
/// </summary>
public sealed record Extmap(int Id, string Uri, MediaDirection Direction = MediaDirection.Unknown, string? Attributes = null)
    : ISdpAttributeValue<Extmap>
{
    public const string Mid = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public const string RtpStreamId = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public const string RepairedRtpStreamId = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public const string AbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public const string TransportWideCc = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
    public const string AudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";

    public static string AttributeName => SdpAttributeNames.Extmap;

    public static bool TryParse(string value, [NotNullWhen(true)] out Extmap? result)
    {
        result = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return false;
        }

        var idPart = value.AsSpan(0, space);
        var direction = MediaDirection.Unknown;
        var slash = idPart.IndexOf('/');
        if (slash >= 0)
        {
            direction = MediaDirectionText.Parse(idPart[(slash + 1)..].ToString());
            if (direction == MediaDirection.Unknown)
            {
                return false;
            }

            idPart = idPart[..slash];
        }

        if (!SdpGrammar.TryParseInt(idPart, 1, 4351, out var id) || !IsValidId(id))
        {
            return false;
        }

        var rest = value[(space + 1)..];
        var uriEnd = rest.IndexOf(' ', StringComparison.Ordinal);
        var uri = uriEnd < 0 ? rest : rest[..uriEnd];
        if (!SdpGrammar.IsVisible(uri))
        {
            return false;
        }

        var attributes = uriEnd < 0 ? null : rest[(uriEnd + 1)..];
        if (attributes is { Length: 0 })
        {
            return false;
        }

        result = new Extmap(id, uri, direction, attributes);
        return true;
    }

    /// <summary>1-14 and 16-255 identify extensions in packets; 4096-4351 are negotiation-only (RFC 8285 §5).</summary>
    public static bool IsValidId(int id) => id is (>= 1 and <= 14) or (>= 16 and <= 255) or (>= 4096 and <= 4351);

    public string FormatValue()
    {
        var id = Direction == MediaDirection.Unknown ? SdpGrammar.Number(Id) : SdpGrammar.Number(Id) + "/" + Direction.ToSdp();
        return Attributes is null ? id + " " + Uri : id + " " + Uri + " " + Attributes;
    }
}
