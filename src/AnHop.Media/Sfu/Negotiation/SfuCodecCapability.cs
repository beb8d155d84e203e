using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>
/// One codec the SFU forwards. An offered rtpmap matches when its encoding name (case-insensitive, RFC 8866 §6.6),
/// clock rate and channel count agree and every <see cref="RequiredParameters"/> entry is either offered with that
/// value or absent (the entries are the codec's defaults, e.g. VP9 profile-id=0, RFC 9628 §6).
/// </summary>
/// <param name="Kind">audio or video.</param>
/// <param name="EncodingName">The rtpmap encoding name, e.g. opus, VP8.</param>
/// <param name="ClockRate">The RTP clock rate.</param>
/// <param name="Channels">Audio channels as rtpmap writes them (opus/48000/2); 1 for video.</param>
/// <param name="RequiredParameters">fmtp parameters that must match (or be absent) for the offered codec to be taken.</param>
/// <param name="AnswerFmtp">The fmtp the SFU writes for this codec, or "" for none.</param>
/// <param name="Feedback">The rtcp-fb values the SFU uses ("nack", "nack pli", "ccm fir", "goog-remb", "transport-cc").</param>
/// <param name="Rtx">Whether the SFU takes RTX (RFC 4588) for this codec.</param>
/// <param name="PayloadType">The payload type the SFU uses when it offers this codec to subscribers.</param>
/// <param name="RtxPayloadType">The RTX payload type the SFU uses when it offers, when <paramref name="Rtx"/>.</param>
public sealed record SfuCodecCapability(
    MediaKind Kind,
    string EncodingName,
    uint ClockRate,
    int Channels,
    IReadOnlyList<KeyValuePair<string, string>> RequiredParameters,
    string AnswerFmtp,
    IReadOnlyList<string> Feedback,
    bool Rtx,
    byte PayloadType,
    byte? RtxPayloadType)
{
    /// <summary>The mime type of <see cref="RtpCodec"/>: "audio/opus", "video/VP8".</summary>
    public string MimeType => (Kind == MediaKind.Audio ? "audio/" : "video/") + EncodingName;

    /// <summary>Whether an offered rtpmap (and its fmtp, if any) is this codec.</summary>
    public bool Matches(RtpMap map, Fmtp? fmtp)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (!map.EncodingName.Equals(EncodingName, StringComparison.OrdinalIgnoreCase) || map.ClockRate != ClockRate ||
            (map.Channels ?? 1) != Channels)
        {
            return false;
        }

        foreach (var (key, value) in RequiredParameters)
        {
            var offered = fmtp?.GetParameter(key);
            if (offered is not null && !offered.Equals(value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
