using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>
/// What the SFU accepts from publishers and offers to subscribers: codecs in order of preference within each kind,
/// and header extensions by URI with the ids the SFU uses in its own offers.
/// On a publisher's send connection the publisher's payload types and extmap ids are kept (the answer echoes them);
/// <see cref="PayloadType"/>-style numbers here matter only for the SFU's offers on receive connections.
/// </summary>
public sealed class SfuCapabilities
{
    private static readonly string[] VideoFeedback = ["nack", "nack pli", "ccm fir", "goog-remb", "transport-cc"];

    public SfuCapabilities(IReadOnlyList<SfuCodecCapability> codecs, IReadOnlyList<RtpHeaderExtensionParameter> headerExtensions)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(headerExtensions);
        if (headerExtensions.Select(extension => extension.Id).Distinct().Count() != headerExtensions.Count ||
            headerExtensions.Select(extension => extension.Uri).Distinct(StringComparer.Ordinal).Count() != headerExtensions.Count)
        {
            throw new ArgumentException("header extension ids and URIs must be unique", nameof(headerExtensions));
        }

        var payloadTypes = codecs.Select(codec => codec.PayloadType)
            .Concat(codecs.Where(codec => codec.RtxPayloadType is not null).Select(codec => codec.RtxPayloadType!.Value)).ToList();
        if (payloadTypes.Distinct().Count() != payloadTypes.Count)
        {
            throw new ArgumentException("codec payload types must be unique (one BUNDLE group shares them)", nameof(codecs));
        }

        Codecs = codecs;
        HeaderExtensions = headerExtensions;
    }

    /// <summary>
    /// opus/48000/2; VP8 with RTX; VP9 profile 0 with RTX; sdes:mid, rtp-stream-id, repaired-rtp-stream-id,
    /// ssrc-audio-level, abs-send-time and transport-wide-cc-01.
    /// </summary>
    public static SfuCapabilities Default { get; } = new(
        [
            new SfuCodecCapability(MediaKind.Audio, "opus", 48000, 2, [], "minptime=10;useinbandfec=1", ["transport-cc"],
                Rtx: false, PayloadType: 111, RtxPayloadType: null),
            new SfuCodecCapability(MediaKind.Video, "VP8", 90000, 1, [], "", VideoFeedback, Rtx: true, PayloadType: 96, RtxPayloadType: 97),
            new SfuCodecCapability(MediaKind.Video, "VP9", 90000, 1, [new("profile-id", "0")], "profile-id=0", VideoFeedback,
                Rtx: true, PayloadType: 98, RtxPayloadType: 99),
        ],
        [
            new RtpHeaderExtensionParameter(1, Extmap.Mid),
            new RtpHeaderExtensionParameter(2, Extmap.AbsSendTime),
            new RtpHeaderExtensionParameter(3, Extmap.TransportWideCc),
            new RtpHeaderExtensionParameter(4, Extmap.RtpStreamId),
            new RtpHeaderExtensionParameter(5, Extmap.RepairedRtpStreamId),
            new RtpHeaderExtensionParameter(6, Extmap.AudioLevel),
        ]);

    /// <summary>Codecs in preference order (used for subscribers; publishers' offers are taken in their order).</summary>
    public IReadOnlyList<SfuCodecCapability> Codecs { get; }

    /// <summary>The header extensions the SFU understands, with the ids it uses in its own offers.</summary>
    public IReadOnlyList<RtpHeaderExtensionParameter> HeaderExtensions { get; }

    public bool SupportsHeaderExtension(string uri) => HeaderExtensions.Any(extension => extension.Uri == uri);

    /// <summary>The SFU's codec for an offered rtpmap of this kind, or null.</summary>
    public SfuCodecCapability? Find(MediaKind kind, RtpMap map, Fmtp? fmtp) =>
        Codecs.FirstOrDefault(codec => codec.Kind == kind && codec.Matches(map, fmtp));

    /// <summary>The SFU's codec for a negotiated mime type (as <see cref="RtpCodec.MimeType"/> writes it), or null.</summary>
    public SfuCodecCapability? FindByMimeType(string mimeType) =>
        Codecs.FirstOrDefault(codec => codec.MimeType.Equals(mimeType, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The parameters of a consumer of a producer whose codec is <paramref name="producerCodec"/>: the SFU's own payload
    /// types (so that every m-line of one receive connection agrees), one encoding with the consumer's SSRCs, and the
    /// header extensions the SFU writes towards subscribers for that kind.
    /// </summary>
    public RtpParameters CreateConsumerParameters(string mid, RtpCodec producerCodec, uint ssrc, uint? rtxSsrc, string cname)
    {
        ArgumentNullException.ThrowIfNull(producerCodec);
        var capability = FindByMimeType(producerCodec.MimeType)
            ?? throw new ArgumentException($"the SFU does not forward {producerCodec.MimeType}", nameof(producerCodec));
        var rtxPayloadType = capability.Rtx && rtxSsrc is not null ? capability.RtxPayloadType : null;
        var codec = new RtpCodec(capability.MimeType, capability.PayloadType, (int)capability.ClockRate, capability.Channels,
            rtxPayloadType, capability.AnswerFmtp, capability.Feedback);
        var kind = capability.Kind;
        var extensions = HeaderExtensions.Where(extension => ForConsumers(kind, extension.Uri)).ToList();
        return new RtpParameters(mid, codec, [new RtpEncoding(ssrc, rtxPayloadType is null ? null : rtxSsrc)], extensions, cname);
    }

    // Towards a subscriber there is one stream per m-line: rid and repaired-rid have nothing to say, and
    // the audio level is meaningful on audio only.
    private static bool ForConsumers(MediaKind kind, string uri) => uri switch
    {
        Extmap.RtpStreamId or Extmap.RepairedRtpStreamId => false,
        Extmap.AudioLevel => kind == MediaKind.Audio,
        _ => true,
    };
}
