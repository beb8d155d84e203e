using AnHop.Media.Sdp;

namespace AnHop.Media.Tests.Sdp;

/// <summary>
/// How an ICE-lite SFU answers a browser's simulcast offer with the typed builders (RFC 8829 §5.3,
/// RFC 8853 §5.3: the answerer receives what the offerer sends, with the rid directions reversed).
/// </summary>
public class SfuAnswerExampleTests
{
    // Header extensions this SFU understands; the others in the offer are left out of the answer.
    private static readonly string[] SupportedExtensions =
        [Extmap.Mid, Extmap.RtpStreamId, Extmap.RepairedRtpStreamId, Extmap.AbsSendTime, Extmap.TransportWideCc, Extmap.AudioLevel];

    private static readonly byte[] CertificateDer = "stand-in for the SFU's DER certificate"u8.ToArray();

    [Fact]
    public void SimulcastOffer_SfuAnswer_ContainsTheTransportAndSimulcastLines()
    {
        var offer = SdpTestData.Parse(SdpTestData.Read(SdpTestData.Simulcast));

        var text = BuildAnswer(offer).Write();

        var fingerprint = SdpFingerprint.Sha256(CertificateDer).FormatValue();
        string[] expectedLines =
        [
            "v=0",
            "o=- 4611731400430051336 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "a=group:BUNDLE 0",
            "a=ice-lite",
            "a=extmap-allow-mixed",
            "m=video 40000 UDP/TLS/RTP/SAVPF 96 97",
            "c=IN IP4 127.0.0.1",
            "a=mid:0",
            "a=ice-ufrag:sfu1",
            "a=ice-pwd:0123456789abcdefghijkl",
            "a=fingerprint:" + fingerprint,
            "a=setup:passive",
            "a=recvonly",
            "a=rtcp-mux",
            "a=rtcp-rsize",
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
            "a=extmap:4 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
            "a=extmap:9 urn:ietf:params:rtp-hdrext:sdes:mid",
            "a=extmap:10 urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id",
            "a=extmap:11 urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id",
            "a=rtpmap:96 VP8/90000",
            "a=rtcp-fb:96 goog-remb",
            "a=rtcp-fb:96 transport-cc",
            "a=rtcp-fb:96 ccm fir",
            "a=rtcp-fb:96 nack",
            "a=rtcp-fb:96 nack pli",
            "a=rtpmap:97 rtx/90000",
            "a=fmtp:97 apt=96",
            "a=rid:q recv",
            "a=rid:h recv",
            "a=rid:f recv",
            "a=simulcast:recv q;h;f",
            "a=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host",
            "a=end-of-candidates",
        ];
        Assert.Equal(string.Concat(expectedLines.Select(line => line + "\r\n")), text);
        Assert.Equal(64 + 31, fingerprint.Length - "sha-256 ".Length);
    }

    [Fact]
    public void SfuAnswer_ParsesBackThroughTheTypedAccessors()
    {
        var offer = SdpTestData.Parse(SdpTestData.Read(SdpTestData.Simulcast));
        var answer = SdpTestData.Parse(BuildAnswer(offer).Write());

        Assert.True(answer.Attributes.IceLite);
        Assert.Equal(offer.Attributes.Bundle, answer.Attributes.Bundle);
        var video = Assert.Single(answer.Media);
        Assert.Equal(SetupRole.Passive, video.Attributes.Setup);
        Assert.Equal(MediaDirection.RecvOnly, video.Attributes.Direction);
        Assert.Equal(Simulcast.Receiving("q", "h", "f"), video.Attributes.Simulcast);
        Assert.All(video.Attributes.Rids, rid => Assert.Equal(RidDirection.Recv, rid.Direction));
        Assert.Equal(offer.Media[0].Attributes.Mid, video.Attributes.Mid);
        Assert.True(video.Attributes.Fingerprint!.Matches("sha-256", System.Security.Cryptography.SHA256.HashData(CertificateDer)));
        var candidate = Assert.Single(video.Attributes.Candidates);
        Assert.Equal(("udp", "127.0.0.1", 40000, IceCandidateType.Host), (candidate.Transport, candidate.Address, candidate.Port, candidate.Type));
    }

    /// <summary>Answers each offered video section: receive VP8 (+RTX) and every offered simulcast layer.</summary>
    internal static SessionDescription BuildAnswer(SessionDescription offer)
    {
        var answer = new SessionDescription(SdpOrigin.Create(sessionId: 4611731400430051336));
        answer.Timings.Add(new SdpTiming());
        answer.Attributes.AddValue(offer.Attributes.Bundle!);
        answer.Attributes.IceLite = true;
        answer.Attributes.ExtmapAllowMixed = offer.Attributes.ExtmapAllowMixed;

        foreach (var offered in offer.Media)
        {
            var vp8 = offered.Attributes.RtpMaps.First(map => map.EncodingName == "VP8");
            var rtx = offered.Attributes.Fmtps.First(fmtp => fmtp.AssociatedPayloadType == vp8.PayloadType);
            var media = new MediaDescription(offered.Media, 40000, offered.Protocol, [vp8.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture), rtx.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            media.Connections.Add(SdpConnection.Ip4("127.0.0.1"));
            var attributes = media.Attributes;
            attributes.Mid = offered.Attributes.Mid;
            attributes.IceUfrag = "sfu1";
            attributes.IcePwd = "0123456789abcdefghijkl";
            attributes.AddValue(SdpFingerprint.Sha256(CertificateDer));
            attributes.Setup = SetupRole.Passive;
            attributes.Direction = offered.Attributes.Direction.Reverse();
            attributes.RtcpMux = true;
            attributes.RtcpRsize = true;
            foreach (var extmap in offered.Attributes.Extmaps.Where(extmap => SupportedExtensions.Contains(extmap.Uri)))
            {
                attributes.AddValue(extmap);
            }

            attributes.AddValue(vp8);
            foreach (var feedback in offered.Attributes.FeedbackFor(vp8.PayloadType))
            {
                attributes.AddValue(feedback);
            }

            attributes.AddValue(offered.Attributes.FindRtpMap(rtx.PayloadType)!);
            attributes.AddValue(rtx);
            foreach (var rid in offered.Attributes.Rids.Where(rid => rid.Direction == RidDirection.Send))
            {
                attributes.AddValue(new Rid(rid.Id, RidDirection.Recv));
            }

            if (offered.Attributes.Simulcast is { } simulcast)
            {
                attributes.AddValue(new Simulcast([], simulcast.Send));
            }

            attributes.AddValue(IceCandidate.Host("1", "udp", IceCandidate.ComputePriority(126, 65535, 1), "127.0.0.1", 40000));
            attributes.EndOfCandidates = true;
            answer.Media.Add(media);
        }

        return answer;
    }
}
