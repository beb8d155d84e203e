using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>
/// Answers a publisher's offer on its send connection (RFC 8829 §5.3.1 answer generation, RFC 9143 BUNDLE,
/// RFC 8853 simulcast). The browser offers; the SFU is ICE-lite and the DTLS server, so the answer says
/// a=ice-lite and a=setup:passive. Each m-line the SFU can receive is answered recvonly with one codec (+RTX) taken
/// in the publisher's preference order, keeping the publisher's payload types and extmap ids.
/// Hostile or malformed offers are refused with a reason; nothing here throws on the offer's content.
/// </summary>
public static class PublishNegotiation
{
    /// <summary>A publisher sends camera, microphone, screen and screen audio; 32 leaves room and bounds the work.</summary>
    public const int MaxMediaSections = 32;

    /// <summary>The SFU selects among at most three simulcast layers per track.</summary>
    public const int MaxSimulcastLayers = 3;

    public static bool TryAnswer(string offerSdp, TransportDescription local, SfuCapabilities caps,
        [NotNullWhen(true)] out PublishAnswer? answer, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(caps);
        local.Validate();
        answer = null;
        if (offerSdp is null)
        {
            reason = "no offer";
            return false;
        }

        if (!SessionDescription.TryParse(offerSdp, out var offer, out var parseReason))
        {
            reason = "offer is not valid SDP: " + parseReason;
            return false;
        }

        if (!TryCheckSession(offer, out var remote, out reason))
        {
            return false;
        }

        var bundle = offer.Attributes.Bundle!;
        var candidates = local.ToCandidates();
        var (connection, port) = local.DefaultDestination();
        var cname = offer.Media.SelectMany(media => media.Attributes.Ssrcs)
            .FirstOrDefault(ssrc => ssrc.Attribute == SsrcAttribute.CName && ssrc.Value is not null)?.Value ?? "";

        var description = new SessionDescription(CreateOrigin(local, offer.Origin));
        description.Timings.Add(new SdpTiming());
        var answeredBundle = new List<string>();
        var tracks = new List<PublishedTrack>();
        var unpublished = new List<UnpublishedMediaSection>();
        foreach (var offered in offer.Media)
        {
            var mid = offered.Attributes.Mid!;
            MediaDescription section;
            if (!TryChoose(offered, bundle, caps, out var choice, out var refusal))
            {
                section = Rejected(offered, connection);
                unpublished.Add(new UnpublishedMediaSection(mid, offered.Media, Rejected: true, refusal));
            }
            else
            {
                if (!offered.Attributes.RtcpMux)
                {
                    reason = "m-line " + mid + " has no a=rtcp-mux (RFC 8829 §5.1.3 requires it)";
                    return false;
                }

                section = Accepted(offered, choice, local, connection, port, candidates);
                answeredBundle.Add(mid);
                if (choice.Receive)
                {
                    tracks.Add(Track(offered, choice, cname));
                }
                else
                {
                    unpublished.Add(new UnpublishedMediaSection(mid, offered.Media, Rejected: false,
                        "offered " + DirectionText(offered.Attributes.Direction) + ": nothing to publish, answered inactive"));
                }
            }

            description.Media.Add(section);
        }

        // BUNDLE lists the accepted mids in the offer's group order, so the offerer's tag stays first when accepted.
        var group = bundle.Mids.Where(answeredBundle.Contains).ToArray();
        if (group.Length > 0)
        {
            description.Attributes.AddValue(SdpGroup.CreateBundle(group));
        }

        description.Attributes.IceLite = true;
        description.Attributes.ExtmapAllowMixed = offer.Attributes.ExtmapAllowMixed;

        string text;
        try
        {
            text = description.Write();
        }
        catch (InvalidOperationException ex)
        {
            // Every value copied from the offer was parsed by the same grammar the writer checks; this is a safety net.
            reason = "answer could not be written: " + ex.Message;
            return false;
        }

        answer = new PublishAnswer(text, remote.IceUfrag, remote.IcePwd, remote.Fingerprint, tracks, unpublished);
        reason = null;
        return true;
    }

    private static bool TryCheckSession(SessionDescription offer, [NotNullWhen(true)] out RemoteTransport? remote,
        [NotNullWhen(false)] out string? reason)
    {
        remote = null;
        if (offer.Media.Count == 0)
        {
            reason = "offer has no m-lines";
            return false;
        }

        if (offer.Media.Count > MaxMediaSections)
        {
            reason = "offer has more than 32 m-lines";
            return false;
        }

        var mids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var media in offer.Media)
        {
            var mid = media.Attributes.Mid;
            if (mid is null)
            {
                reason = "an m-line has no a=mid (RFC 8829 §5.2.1 requires one)";
                return false;
            }

            if (!mids.Add(mid))
            {
                reason = "two m-lines share a=mid:" + mid;
                return false;
            }
        }

        var bundle = offer.Attributes.Bundle;
        if (bundle is null || bundle.Mids.Count == 0)
        {
            reason = "offer has no a=group:BUNDLE (the SFU takes every track on one transport, RFC 9143)";
            return false;
        }

        if (bundle.Mids.Any(mid => !mids.Contains(mid)) || bundle.Mids.Distinct(StringComparer.Ordinal).Count() != bundle.Mids.Count)
        {
            reason = "a=group:BUNDLE names an unknown or repeated mid";
            return false;
        }

        if (!TransportAttributes.TryReadRemote(offer, offer.FindMedia(bundle.Mids[0]), out remote, out var transportReason))
        {
            reason = "offer: " + transportReason;
            return false;
        }

        // RFC 8842 §5.2: the answerer chooses active or passive; the SFU is always the DTLS server (passive).
        if (remote.Setup is not (SetupRole.ActPass or SetupRole.Active))
        {
            reason = "offer's a=setup must be actpass or active (the SFU is the DTLS server)";
            remote = null;
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Whether an m-line can be answered (recvonly or inactive), and with which codec.</summary>
    private static bool TryChoose(MediaDescription offered, SdpGroup bundle, SfuCapabilities caps,
        [NotNullWhen(true)] out Choice? choice, [NotNullWhen(false)] out string? refusal)
    {
        choice = null;
        if (offered.Port == 0)
        {
            refusal = "rejected by the offer (port 0)";
            return false;
        }

        MediaKind kind;
        switch (offered.Media)
        {
            case MediaDescription.Audio: kind = MediaKind.Audio; break;
            case MediaDescription.Video: kind = MediaKind.Video; break;
            default:
                refusal = "the SFU takes only audio and video";
                return false;
        }

        if (offered.Protocol != MediaDescription.UdpTlsRtpSavpf)
        {
            refusal = "protocol is not UDP/TLS/RTP/SAVPF";
            return false;
        }

        if (!bundle.Mids.Contains(offered.Attributes.Mid!))
        {
            refusal = "not in the BUNDLE group";
            return false;
        }

        var attributes = offered.Attributes;
        var rtpMaps = attributes.RtpMaps;
        var fmtps = attributes.Fmtps;
        var payloadTypes = offered.PayloadTypes;
        foreach (var payloadType in payloadTypes)
        {
            var map = rtpMaps.FirstOrDefault(m => m.PayloadType == payloadType);
            if (map is null)
            {
                continue;
            }

            var fmtp = fmtps.FirstOrDefault(f => f.PayloadType == payloadType);
            var capability = caps.Find(kind, map, fmtp);
            if (capability is null)
            {
                continue;
            }

            RtpMap? rtx = null;
            if (capability.Rtx)
            {
                var rtxFmtp = fmtps.FirstOrDefault(f => f.AssociatedPayloadType == payloadType && payloadTypes.Contains(f.PayloadType) &&
                    rtpMaps.Any(m => m.PayloadType == f.PayloadType && IsRtx(m, map.ClockRate)));
                rtx = rtxFmtp is null ? null : rtpMaps.First(m => m.PayloadType == rtxFmtp.PayloadType);
            }

            var receive = attributes.Direction is MediaDirection.SendOnly or MediaDirection.SendRecv or MediaDirection.Unknown;
            choice = new Choice(caps, capability, map, rtx, receive);
            refusal = null;
            return true;
        }

        refusal = "no offered codec is one the SFU forwards";
        return false;
    }

    private static bool IsRtx(RtpMap map, uint clockRate) =>
        map.EncodingName.Equals("rtx", StringComparison.OrdinalIgnoreCase) && map.ClockRate == clockRate;

    /// <summary>A rejected m-line: port 0, the offer's proto and first format, and its mid (RFC 8829 §5.3.1).</summary>
    private static MediaDescription Rejected(MediaDescription offered, SdpConnection connection)
    {
        var section = new MediaDescription(offered.Media, 0, offered.Protocol, offered.Formats.Take(1));
        section.Connections.Add(connection);
        if (offered.Attributes.Mid is { } mid)
        {
            section.Attributes.Mid = mid;
        }

        return section;
    }

    private static MediaDescription Accepted(MediaDescription offered, Choice choice, TransportDescription local,
        SdpConnection connection, int port, IReadOnlyList<IceCandidate> candidates)
    {
        var formats = new List<string> { Number(choice.Codec.PayloadType) };
        if (choice.Rtx is not null)
        {
            formats.Add(Number(choice.Rtx.PayloadType));
        }

        var section = new MediaDescription(offered.Media, port, offered.Protocol, formats);
        section.Connections.Add(connection);
        var attributes = section.Attributes;
        attributes.Mid = offered.Attributes.Mid;
        TransportAttributes.WriteLocal(attributes, local, SetupRole.Passive);
        attributes.Direction = choice.Receive ? MediaDirection.RecvOnly : MediaDirection.Inactive;
        attributes.RtcpMux = true;
        attributes.RtcpRsize = offered.Attributes.RtcpRsize;
        foreach (var extension in HeaderExtensions(offered, choice))
        {
            attributes.AddValue(new Extmap(extension.Id, extension.Uri));
        }

        attributes.AddValue(choice.Codec);
        foreach (var feedback in Feedback(offered, choice))
        {
            attributes.AddValue(feedback);
        }

        if (choice.Capability.AnswerFmtp.Length > 0)
        {
            attributes.AddValue(new Fmtp(choice.Codec.PayloadType, choice.Capability.AnswerFmtp));
        }

        if (choice.Rtx is not null)
        {
            attributes.AddValue(choice.Rtx);
            attributes.AddValue(new Fmtp(choice.Rtx.PayloadType, "apt=" + Number(choice.Codec.PayloadType)));
        }

        if (choice.Receive && SimulcastRids(offered) is { Count: > 0 } rids)
        {
            foreach (var rid in rids)
            {
                attributes.AddValue(new Rid(rid.Id, RidDirection.Recv));
            }

            // RFC 8853 §5.3: the answer reverses the direction; without a=simulcast:recv Chromium sends one layer.
            attributes.AddValue(new Simulcast([], rids.Select(rid => new SimulcastStream([rid])).ToArray()));
        }

        TransportAttributes.WriteCandidates(attributes, candidates);
        return section;
    }

    /// <summary>The offer's extmaps whose URI the SFU understands, with the offer's ids; a repeated id keeps its first URI.</summary>
    private static List<RtpHeaderExtensionParameter> HeaderExtensions(MediaDescription offered, Choice choice)
    {
        var extensions = new List<RtpHeaderExtensionParameter>();
        foreach (var extmap in offered.Attributes.Extmaps)
        {
            if (choice.Caps.SupportsHeaderExtension(extmap.Uri) && extmap.Id <= byte.MaxValue &&
                extensions.TrueForAll(e => e.Id != extmap.Id && e.Uri != extmap.Uri))
            {
                extensions.Add(new RtpHeaderExtensionParameter((byte)extmap.Id, extmap.Uri));
            }
        }

        return extensions;
    }

    /// <summary>The offered rtcp-fb lines for the codec that the SFU also uses, written for its payload type.</summary>
    private static List<RtcpFeedback> Feedback(MediaDescription offered, Choice choice)
    {
        var feedback = new List<RtcpFeedback>();
        foreach (var offeredFeedback in offered.Attributes.FeedbackFor(choice.Codec.PayloadType))
        {
            var text = offeredFeedback.Parameter is null ? offeredFeedback.Type : offeredFeedback.Type + " " + offeredFeedback.Parameter;
            var line = new RtcpFeedback(choice.Codec.PayloadType, offeredFeedback.Type, offeredFeedback.Parameter);
            if (choice.Capability.Feedback.Contains(text, StringComparer.Ordinal) && !feedback.Contains(line))
            {
                feedback.Add(line);
            }
        }

        return feedback;
    }

    /// <summary>
    /// The offered send rids that a=simulcast:send lists, in its order, the first alternative of each stream
    /// that has a matching a=rid send line (RFC 8853 §5.3), at most <see cref="MaxSimulcastLayers"/>.
    /// Empty when the m-line offers no simulcast.
    /// </summary>
    private static List<SimulcastRid> SimulcastRids(MediaDescription offered)
    {
        var chosen = new List<SimulcastRid>();
        if (offered.Attributes.Simulcast is not { Send.Count: > 0 } simulcast)
        {
            return chosen;
        }

        var sendRids = offered.Attributes.Rids.Where(rid => rid.Direction == RidDirection.Send).Select(rid => rid.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var stream in simulcast.Send)
        {
            var alternative = stream.Alternatives.FirstOrDefault(rid => sendRids.Contains(rid.Id) && chosen.TrueForAll(c => c.Id != rid.Id));
            if (alternative is not null && chosen.Count < MaxSimulcastLayers)
            {
                chosen.Add(alternative);
            }
        }

        return chosen;
    }

    private static PublishedTrack Track(MediaDescription offered, Choice choice, string sessionCname)
    {
        var attributes = offered.Attributes;
        var ssrcs = attributes.Ssrcs;
        var rids = SimulcastRids(offered);
        List<RtpEncoding> encodings;
        uint? primary = null;
        if (rids.Count > 0)
        {
            // SDP says nothing of sizes; Chromium's default for n layers listed low to high is 2^(n-1-i).
            encodings = rids.Select((rid, i) => new RtpEncoding(null, null, rid.Id, Math.Pow(2, rids.Count - 1 - i))).ToList();
        }
        else
        {
            var fid = attributes.SsrcGroups.FirstOrDefault(group => group.Semantics == SsrcGroup.FlowIdentification && group.Ssrcs.Count == 2);
            primary = fid?.Ssrcs[0] ?? (ssrcs.Count > 0 ? ssrcs[0].Ssrc : null);
            var rtxSsrc = choice.Rtx is not null ? fid?.Ssrcs[1] : null;
            encodings = [new RtpEncoding(primary, rtxSsrc)];
        }

        var cname = ssrcs.FirstOrDefault(s => s.Attribute == SsrcAttribute.CName && s.Value is not null && (primary is null || s.Ssrc == primary))?.Value
            ?? sessionCname;
        var msid = attributes.Msid;
        if (msid is null)
        {
            var ssrcMsid = ssrcs.FirstOrDefault(s => s.Attribute == SdpAttributeNames.Msid && s.Value is not null)?.Value;
            if (ssrcMsid is not null && Msid.TryParse(ssrcMsid, out var parsed))
            {
                msid = parsed;
            }
        }

        var codec = new RtpCodec(choice.Capability.MimeType, choice.Codec.PayloadType, (int)choice.Codec.ClockRate,
            choice.Codec.Channels ?? 1, choice.Rtx?.PayloadType, choice.Capability.AnswerFmtp,
            Feedback(offered, choice).Select(f => f.Parameter is null ? f.Type : f.Type + " " + f.Parameter).ToList());
        var parameters = new RtpParameters(attributes.Mid!, codec, encodings, HeaderExtensions(offered, choice), cname);
        return new PublishedTrack(parameters, msid?.StreamId, msid?.TrackId);
    }

    /// <summary>
    /// The answer's o= line: a session id fixed per transport (from the SFU's ufrag) and the offer's session version, which
    /// the browser raises on each new offer, so every answer on one connection carries a higher version (RFC 3264 §8).
    /// </summary>
    private static SdpOrigin CreateOrigin(TransportDescription local, SdpOrigin offered)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(local.IceUfrag));
        var sessionId = BitConverter.ToUInt64(hash, 0) & long.MaxValue;
        var version = ulong.TryParse(offered.SessionVersion, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v < long.MaxValue ? v : 1;
        return SdpOrigin.Create(sessionId, version);
    }

    private static string DirectionText(MediaDirection direction) =>
        direction == MediaDirection.Unknown ? "sendrecv" : direction.ToSdp();

    private static string Number(byte value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Choice(SfuCapabilities Caps, SfuCodecCapability Capability, RtpMap Codec, RtpMap? Rtx, bool Receive);
}
