namespace AnHop.Media.Sfu;

/// <summary>A negotiated codec: payload type, clock, and the RTX payload type that repairs it (RFC 4588), if any.</summary>
public sealed record RtpCodec(
    string MimeType,
    byte PayloadType,
    int ClockRate,
    int Channels = 1,
    byte? RtxPayloadType = null,
    string Fmtp = "",
    IReadOnlyList<string>? RtcpFeedback = null)
{
    public MediaKind Kind => MimeType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) ? MediaKind.Audio : MediaKind.Video;
}

/// <summary>One encoding of a track: a single stream, or one simulcast layer identified by its rid (RFC 8853).</summary>
public sealed record RtpEncoding(uint? Ssrc, uint? RtxSsrc = null, string? Rid = null, double ScaleResolutionDownBy = 1);

/// <summary>A header extension negotiated by a=extmap (RFC 8285 §5).</summary>
public sealed record RtpHeaderExtensionParameter(byte Id, string Uri);

/// <summary>
/// What the SFU knows of one RTP stream set, from SDP: the mid, codec, encodings and header extensions.
/// For a producer these come from the publisher's offer; for a consumer the SFU chooses them.
/// </summary>
public sealed record RtpParameters(
    string Mid,
    RtpCodec Codec,
    IReadOnlyList<RtpEncoding> Encodings,
    IReadOnlyList<RtpHeaderExtensionParameter> HeaderExtensions,
    string Cname)
{
    public MediaKind Kind => Codec.Kind;
}
