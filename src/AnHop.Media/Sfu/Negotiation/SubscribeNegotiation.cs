using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using AnHop.Media.Sdp;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>
/// The SFU's side of one subscriber's receive connection. The SFU always offers here (one sendonly m-line per
/// consumer) and the browser always answers, so there is never glare. Following JSEP (RFC 8829 §5.2.2), m-lines are
/// never removed or reordered: an ended consumer's m-line goes inactive with port 0 (left out of BUNDLE) and may later
/// be recycled with a new mid; the first m-line only goes inactive, keeping the bundle's transport (as mediasoup does).
/// Not thread-safe: one negotiation per connection, driven by its signalling.
/// </summary>
public sealed class SubscribeNegotiation
{
    private readonly TransportDescription _local;
    private readonly IReadOnlyList<IceCandidate> _candidates;
    private readonly ulong _sessionId;
    private readonly List<OfferedSection> _sections = [];
    private readonly HashSet<string> _usedMids = new(StringComparer.Ordinal);
    private bool _pending;

    public SubscribeNegotiation(TransportDescription local, ulong? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        local.Validate();
        _local = local;
        _candidates = local.ToCandidates();
        // RFC 8829 §5.2.1: a 64-bit session id whose top bit is zero.
        _sessionId = sessionId ?? (BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)) & long.MaxValue);
    }

    /// <summary>The o= version of the latest offer; 0 before the first.</summary>
    public ulong SessionVersion { get; private set; }

    /// <summary>Whether an offer waits for its answer.</summary>
    public bool HasPendingOffer => _pending;

    /// <summary>
    /// Writes the next offer: one m-line per entry, in order. The list keeps every m-line of the previous offer at its
    /// place (same mid), except that an m-line the previous offer had rejected may carry a new, never-used mid.
    /// Throws <see cref="ArgumentException"/> when the list breaks those rules or its parameters cannot share one BUNDLE
    /// group (one payload type or extmap id meaning two things).
    /// </summary>
    public string CreateOffer(IReadOnlyList<ConsumerDescription> consumers)
    {
        ArgumentNullException.ThrowIfNull(consumers);
        Validate(consumers);

        var (connection, port) = _local.DefaultDestination();
        var description = new SessionDescription(SdpOrigin.Create(_sessionId, SessionVersion + 1));
        description.Timings.Add(new SdpTiming());
        var sections = new List<OfferedSection>(consumers.Count);
        var bundle = new List<string>();
        for (var i = 0; i < consumers.Count; i++)
        {
            var consumer = consumers[i];
            var rejected = !consumer.Active && i > 0;
            description.Media.Add(Section(consumer, connection, rejected ? 0 : port, rejected));
            if (!rejected)
            {
                bundle.Add(consumer.Mid);
            }

            sections.Add(new OfferedSection(consumer.Mid, consumer.Active, rejected, consumer.Parameters.HeaderExtensions));
        }

        if (bundle.Count > 0)
        {
            description.Attributes.AddValue(SdpGroup.CreateBundle([.. bundle]));
        }

        description.Attributes.IceLite = true;
        var text = description.Write();

        SessionVersion++;
        _sections.Clear();
        _sections.AddRange(sections);
        foreach (var consumer in consumers)
        {
            _usedMids.Add(consumer.Mid);
        }

        _pending = true;
        return text;
    }

    /// <summary>
    /// Checks the browser's answer to the latest offer: a=setup:active (the SFU is the DTLS server), a sha-256
    /// fingerprint, ICE credentials, the offer's mids in order, recvonly or inactive where the SFU sends, inactive where
    /// it does not, and only offered header extensions. Never throws on the answer's content.
    /// </summary>
    public bool TryAcceptAnswer(string answerSdp, [NotNullWhen(true)] out SubscribeAnswer? result, [NotNullWhen(false)] out string? reason)
    {
        result = null;
        if (!_pending)
        {
            reason = "no offer waits for an answer";
            return false;
        }

        if (answerSdp is null)
        {
            reason = "no answer";
            return false;
        }

        if (!SessionDescription.TryParse(answerSdp, out var answer, out var parseReason))
        {
            reason = "answer is not valid SDP: " + parseReason;
            return false;
        }

        if (answer.Media.Count != _sections.Count)
        {
            reason = "answer has " + answer.Media.Count.ToString(CultureInfo.InvariantCulture) + " m-lines, the offer " +
                _sections.Count.ToString(CultureInfo.InvariantCulture);
            return false;
        }

        var extensions = new Dictionary<string, IReadOnlyList<RtpHeaderExtensionParameter>>(StringComparer.Ordinal);
        var rejectedMids = new List<string>();
        var answered = new List<string>();
        for (var i = 0; i < _sections.Count; i++)
        {
            if (!TryCheckSection(_sections[i], answer.Media[i], extensions, rejectedMids, answered, out reason))
            {
                return false;
            }
        }

        RemoteTransport? remote = null;
        if (answered.Count > 0)
        {
            var bundle = answer.Attributes.Bundle;
            if (bundle is null || bundle.Mids.Count == 0)
            {
                reason = "answer has no a=group:BUNDLE";
                return false;
            }

            if (bundle.Mids.Any(mid => !answered.Contains(mid)))
            {
                reason = "answer's BUNDLE names a mid that is not an answered m-line";
                return false;
            }

            if (!TransportAttributes.TryReadRemote(answer, answer.FindMedia(bundle.Mids[0]), out remote, out var transportReason))
            {
                reason = "answer: " + transportReason;
                return false;
            }

            // RFC 8842 §5.2: the SFU offered actpass and must be the DTLS server, so the browser answers active.
            if (remote.Setup != SetupRole.Active)
            {
                reason = "answer's a=setup must be active (the SFU is the DTLS server)";
                return false;
            }
        }

        _pending = false;
        result = new SubscribeAnswer(remote?.IceUfrag, remote?.IcePwd, remote?.Fingerprint, extensions, rejectedMids);
        reason = null;
        return true;
    }

    private static bool TryCheckSection(OfferedSection offered, MediaDescription section,
        Dictionary<string, IReadOnlyList<RtpHeaderExtensionParameter>> extensions, List<string> rejectedMids, List<string> answered,
        [NotNullWhen(false)] out string? reason)
    {
        var mid = section.Attributes.Mid;
        if (offered.Rejected)
        {
            if (section.Port != 0 || (mid is not null && mid != offered.Mid))
            {
                reason = "answer revives or renames rejected m-line " + offered.Mid;
                return false;
            }

            reason = null;
            return true;
        }

        if (mid != offered.Mid)
        {
            reason = "answer's m-line for mid " + offered.Mid + " has a different or no a=mid";
            return false;
        }

        if (section.Port == 0)
        {
            // The browser may refuse a consumer (RFC 8829 §5.3.1); the SFU then sends nothing there.
            rejectedMids.Add(offered.Mid);
            reason = null;
            return true;
        }

        var direction = section.Attributes.Direction;
        var allowed = offered.Active ? direction is MediaDirection.RecvOnly or MediaDirection.Inactive : direction == MediaDirection.Inactive;
        if (!allowed)
        {
            reason = "answer's m-line " + offered.Mid + " must be " + (offered.Active ? "recvonly or inactive" : "inactive");
            return false;
        }

        if (!section.Attributes.RtcpMux)
        {
            reason = "answer's m-line " + offered.Mid + " has no a=rtcp-mux";
            return false;
        }

        var accepted = new List<RtpHeaderExtensionParameter>();
        foreach (var extmap in section.Attributes.Extmaps)
        {
            var match = offered.HeaderExtensions.FirstOrDefault(e => e.Id == extmap.Id && e.Uri == extmap.Uri);
            if (match is null)
            {
                reason = "answer's m-line " + offered.Mid + " has an extmap the offer did not make";
                return false;
            }

            accepted.Add(match);
        }

        extensions[offered.Mid] = accepted;
        answered.Add(offered.Mid);
        reason = null;
        return true;
    }

    private void Validate(IReadOnlyList<ConsumerDescription> consumers)
    {
        if (consumers.Count < _sections.Count)
        {
            throw new ArgumentException("m-lines are never removed: the list must keep every m-line of the previous offer", nameof(consumers));
        }

        var mids = new HashSet<string>(StringComparer.Ordinal);
        var payloadTypes = new Dictionary<byte, string>();
        var extensionIds = new Dictionary<byte, string>();
        for (var i = 0; i < consumers.Count; i++)
        {
            var consumer = consumers[i] ?? throw new ArgumentException("null consumer", nameof(consumers));
            var parameters = consumer.Parameters ?? throw new ArgumentException("null parameters", nameof(consumers));
            if (!IsMid(consumer.Mid) || consumer.Mid != parameters.Mid)
            {
                throw new ArgumentException($"mid '{consumer.Mid}' must be 1 to 16 letters, digits, '-' or '_', and equal Parameters.Mid", nameof(consumers));
            }

            if (!mids.Add(consumer.Mid))
            {
                throw new ArgumentException($"mid '{consumer.Mid}' appears twice", nameof(consumers));
            }

            if (i < _sections.Count)
            {
                var previous = _sections[i];
                if (previous.Mid != consumer.Mid && !(previous.Rejected && !_usedMids.Contains(consumer.Mid)))
                {
                    throw new ArgumentException(
                        $"m-line {i} was '{previous.Mid}': only a rejected m-line may be reused, and then with a new mid", nameof(consumers));
                }

                if (previous.Mid == consumer.Mid && previous.Rejected && consumer.Active)
                {
                    throw new ArgumentException($"rejected m-line '{consumer.Mid}' may come back only under a new mid", nameof(consumers));
                }
            }
            else if (_usedMids.Contains(consumer.Mid))
            {
                throw new ArgumentException($"mid '{consumer.Mid}' was used before on this connection", nameof(consumers));
            }

            if (!IsMsidId(consumer.StreamId) || !IsMsidId(consumer.TrackId))
            {
                throw new ArgumentException("msid stream and track ids must be 1 to 64 token characters (RFC 8830 §2)", nameof(consumers));
            }

            if (parameters.Encodings.Count != 1 || (consumer.Active && parameters.Encodings[0].Ssrc is null))
            {
                throw new ArgumentException($"consumer '{consumer.Mid}' must have exactly one encoding with an SSRC", nameof(consumers));
            }

            if (string.IsNullOrEmpty(parameters.Cname) || parameters.Cname.Any(c => c is ' ' or '\r' or '\n' || char.IsControl(c)))
            {
                throw new ArgumentException($"consumer '{consumer.Mid}' needs a cname without spaces", nameof(consumers));
            }

            if (consumer.Active || i == 0)
            {
                // Everything in one BUNDLE group shares one payload type space and one extmap id space (RFC 9143 §7.5, RFC 8285 §6).
                var codec = parameters.Codec;
                Claim(payloadTypes, codec.PayloadType, $"{codec.MimeType}/{codec.ClockRate}/{codec.Channels};{codec.Fmtp}");
                if (codec.RtxPayloadType is { } rtx)
                {
                    Claim(payloadTypes, rtx, $"rtx/{codec.ClockRate};apt={codec.PayloadType}");
                }

                foreach (var extension in parameters.HeaderExtensions)
                {
                    if (!Extmap.IsValidId(extension.Id))
                    {
                        throw new ArgumentException($"extmap id {extension.Id} is not valid (RFC 8285 §5)", nameof(consumers));
                    }

                    Claim(extensionIds, extension.Id, extension.Uri);
                }
            }
        }
    }

    private static void Claim(Dictionary<byte, string> claims, byte key, string meaning)
    {
        if (claims.TryGetValue(key, out var existing) && existing != meaning)
        {
            throw new ArgumentException($"{key} means both '{existing}' and '{meaning}' in one BUNDLE group", "consumers");
        }

        claims[key] = meaning;
    }

    private MediaDescription Section(ConsumerDescription consumer, SdpConnection connection, int port, bool rejected)
    {
        var parameters = consumer.Parameters;
        var codec = parameters.Codec;
        var formats = new List<string> { Number(codec.PayloadType) };
        if (codec.RtxPayloadType is { } rtxPayloadType)
        {
            formats.Add(Number(rtxPayloadType));
        }

        var section = new MediaDescription(codec.Kind == MediaKind.Audio ? MediaDescription.Audio : MediaDescription.Video, port,
            MediaDescription.UdpTlsRtpSavpf, formats);
        section.Connections.Add(connection);
        var attributes = section.Attributes;
        attributes.Mid = consumer.Mid;
        TransportAttributes.WriteLocal(attributes, _local, SetupRole.ActPass);
        attributes.Direction = consumer.Active ? MediaDirection.SendOnly : MediaDirection.Inactive;
        if (consumer.Active)
        {
            attributes.AddValue(new Msid(consumer.StreamId, consumer.TrackId));
        }

        attributes.RtcpMux = true;
        attributes.RtcpRsize = true;
        if (!rejected)
        {
            foreach (var extension in parameters.HeaderExtensions)
            {
                attributes.AddValue(new Extmap(extension.Id, extension.Uri));
            }
        }

        var slash = codec.MimeType.IndexOf('/', StringComparison.Ordinal);
        var clockRate = (uint)codec.ClockRate;
        attributes.AddValue(new RtpMap(codec.PayloadType, codec.MimeType[(slash + 1)..], clockRate,
            codec.Kind == MediaKind.Audio && codec.Channels > 1 ? codec.Channels : null));
        foreach (var feedback in codec.RtcpFeedback ?? [])
        {
            var space = feedback.IndexOf(' ', StringComparison.Ordinal);
            attributes.AddValue(space < 0
                ? new RtcpFeedback(codec.PayloadType, feedback)
                : new RtcpFeedback(codec.PayloadType, feedback[..space], feedback[(space + 1)..]));
        }

        if (codec.Fmtp.Length > 0)
        {
            attributes.AddValue(new Fmtp(codec.PayloadType, codec.Fmtp));
        }

        if (codec.RtxPayloadType is { } rtx)
        {
            attributes.AddValue(new RtpMap(rtx, "rtx", clockRate));
            attributes.AddValue(new Fmtp(rtx, "apt=" + Number(codec.PayloadType)));
        }

        if (consumer.Active)
        {
            WriteSsrcs(attributes, consumer);
        }

        if (!rejected)
        {
            TransportAttributes.WriteCandidates(attributes, _candidates);
        }

        return section;
    }

    /// <summary>a=ssrc-group:FID and a=ssrc cname/msid lines (RFC 5576 §4, RFC 4588 §8.1), so the browser maps SSRCs before any RTP.</summary>
    private static void WriteSsrcs(SdpAttributeList attributes, ConsumerDescription consumer)
    {
        var encoding = consumer.Parameters.Encodings[0];
        var ssrc = encoding.Ssrc!.Value;
        var rtxSsrc = consumer.Parameters.Codec.RtxPayloadType is not null ? encoding.RtxSsrc : null;
        if (rtxSsrc is { } repair)
        {
            attributes.AddValue(new SsrcGroup(SsrcGroup.FlowIdentification, [ssrc, repair]));
        }

        var msid = consumer.StreamId + " " + consumer.TrackId;
        foreach (var value in rtxSsrc is { } r ? new[] { ssrc, r } : [ssrc])
        {
            attributes.AddValue(new SsrcAttribute(value, SsrcAttribute.CName, consumer.Parameters.Cname));
            attributes.AddValue(new SsrcAttribute(value, SdpAttributeNames.Msid, msid));
        }
    }

    private static bool IsMid(string? mid) =>
        mid is { Length: > 0 and <= 16 } && mid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    // RFC 8830 §2: msid-id = 1*64token-char.
    private static bool IsMsidId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => c > ' ' && c < 0x7F && "()<>@,;:\\\"/[]?={}".IndexOf(c, StringComparison.Ordinal) < 0);

    private static string Number(byte value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record OfferedSection(string Mid, bool Active, bool Rejected, IReadOnlyList<RtpHeaderExtensionParameter> HeaderExtensions);
}
