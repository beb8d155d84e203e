using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Tests.Sdp;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

/// <summary>The SFU's answers to Chromium 156's captured offers (testdata/sdp) and the parameters it extracts.</summary>
public class PublishNegotiationTests
{
    [Theory]
    [MemberData(nameof(SdpTestData.CaptureNames), MemberType = typeof(SdpTestData))]
    public void EveryCapture_IsAnswered_AsIceLiteDtlsServer_OnOneBundle(string capture)
    {
        var offer = Parse(Capture(capture));
        var answer = Answer(Capture(capture));
        var sdp = Parse(answer.Sdp);

        Assert.True(sdp.Attributes.IceLite);
        Assert.Equal(offer.Attributes.Bundle, sdp.Attributes.Bundle);
        Assert.Equal(offer.Media.Count, sdp.Media.Count);
        Assert.Equal(offer.Media[0].Attributes.IceUfrag, answer.RemoteIceUfrag);
        Assert.Equal(offer.Media[0].Attributes.IcePwd, answer.RemoteIcePwd);
        Assert.True(offer.Media[0].Attributes.Fingerprint!.Matches("sha-256", answer.RemoteFingerprint.GetDigest()));
        foreach (var media in sdp.Media)
        {
            var attributes = media.Attributes;
            Assert.Equal(40000, media.Port);
            Assert.Equal(SfuUfrag, attributes.IceUfrag);
            Assert.Equal(SfuPwd, attributes.IcePwd);
            Assert.Equal(SfuFingerprint.ToSdpValue(), attributes.GetValue(SdpAttributeNames.Fingerprint));
            Assert.Equal(SetupRole.Passive, attributes.Setup);
            Assert.True(attributes.RtcpMux);
            Assert.True(attributes.RtcpRsize);
            Assert.True(attributes.EndOfCandidates);
            Assert.Equal(
                ["udp0 1 udp 2130706431 192.0.2.10 40000 typ host", "tcp0 1 tcp 1520435199 192.0.2.10 40443 typ host tcptype passive"],
                attributes.FindAll(SdpAttributeNames.Candidate).Select(a => a.Value!));
            Assert.All(attributes.Extmaps, extmap => Assert.True(SfuCapabilities.Default.SupportsHeaderExtension(extmap.Uri)));
        }

        // The answer's version follows the offer's, so re-answers on one connection keep rising (RFC 3264 §8).
        Assert.Equal(offer.Origin.SessionVersion, sdp.Origin.SessionVersion);
    }

    [Fact]
    public void AudioVideo_AnswersOpusAndVp8WithRtx_KeepingThePublishersNumbers()
    {
        var answer = Answer(Capture(SdpTestData.AudioVideo));
        var sdp = Parse(answer.Sdp);

        Assert.Equal("1euA", answer.RemoteIceUfrag);
        Assert.Equal("vIPeC41GXIhrpAI4yHxT7gWR", answer.RemoteIcePwd);
        Assert.Equal("sha-256 F5:D3:F0:8C:3C:30:B3:BD:95:C3:43:1A:4D:2C:04:6F:51:AF:92:19:1B:DC:4D:0A:35:EE:61:10:C4:B5:6D:66",
            answer.RemoteFingerprint.ToSdpValue());
        Assert.Empty(answer.Unpublished);

        var audio = sdp.Media[0];
        Assert.Equal(["111"], audio.Formats);
        Assert.Equal(MediaDirection.RecvOnly, audio.Attributes.Direction);
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), Assert.Single(audio.Attributes.RtpMaps));
        Assert.Equal(new Fmtp(111, "minptime=10;useinbandfec=1"), Assert.Single(audio.Attributes.Fmtps));
        Assert.Equal(new RtcpFeedback(111, "transport-cc"), Assert.Single(audio.Attributes.RtcpFeedbacks));
        Assert.Equal([1, 2, 3, 4], audio.Attributes.Extmaps.Select(e => e.Id));

        var video = sdp.Media[1];
        Assert.Equal(["96", "97"], video.Formats);
        Assert.Equal(["96 VP8/90000", "97 rtx/90000"], video.Attributes.RtpMaps.Select(m => m.FormatValue()));
        Assert.Equal(new Fmtp(97, "apt=96"), Assert.Single(video.Attributes.Fmtps));
        Assert.Equal(["goog-remb", "transport-cc", "ccm fir", "nack", "nack pli"],
            video.Attributes.RtcpFeedbacks.Select(f => f.FormatValue()["96 ".Length..]));
        Assert.Equal([2, 3, 4, 10, 11], video.Attributes.Extmaps.Select(e => e.Id));
        Assert.Empty(video.Attributes.Rids);
        Assert.Null(video.Attributes.Simulcast);

        var (mic, camera) = (answer.Tracks[0], answer.Tracks[1]);
        // RtpCodec compares its feedback list by reference, so the list is checked on its own.
        Assert.Equal(new RtpCodec("audio/opus", 111, 48000, 2, null, "minptime=10;useinbandfec=1"), mic.Parameters.Codec with { RtcpFeedback = null });
        Assert.Equal(["transport-cc"], mic.Parameters.Codec.RtcpFeedback!);
        Assert.Equal(("0", MediaKind.Audio, "NoTMuCLNFErLo8i9"), (mic.Mid, mic.Kind, mic.Parameters.Cname));
        Assert.Equal(new RtpEncoding(1189684665), Assert.Single(mic.Parameters.Encodings));
        Assert.Equal([new(1, Extmap.AudioLevel), new(2, Extmap.AbsSendTime), new(3, Extmap.TransportWideCc), new RtpHeaderExtensionParameter(4, Extmap.Mid)],
            mic.Parameters.HeaderExtensions);
        Assert.Equal(("df631f4f-ed41-45e5-9ba2-fb1c44938da3", "14266071-c4a8-424d-84b1-be3a41155756"), (mic.StreamId, mic.TrackId));

        Assert.Equal(("1", MediaKind.Video, false), (camera.Mid, camera.Kind, camera.IsSimulcast));
        Assert.Equal(("video/VP8", (byte)96, (byte?)97, 90000), (camera.Parameters.Codec.MimeType, camera.Parameters.Codec.PayloadType,
            camera.Parameters.Codec.RtxPayloadType, camera.Parameters.Codec.ClockRate));
        Assert.Equal(new RtpEncoding(4167953776, 1143587441), Assert.Single(camera.Parameters.Encodings));
        Assert.Equal([Extmap.AbsSendTime, Extmap.TransportWideCc, Extmap.Mid, Extmap.RtpStreamId, Extmap.RepairedRtpStreamId],
            camera.Parameters.HeaderExtensions.Select(e => e.Uri));
        Assert.Equal("6ae79cd2-aa4b-4566-b642-e7bcdf3ac2b1", camera.TrackId);
    }

    [Fact]
    public void Simulcast_AnswersTheThreeRidsAsRecv_AndExtractsOneEncodingPerLayer()
    {
        var answer = Answer(Capture(SdpTestData.Simulcast));
        var video = Assert.Single(Parse(answer.Sdp).Media);

        Assert.Equal(["q recv", "h recv", "f recv"], video.Attributes.FindAll(SdpAttributeNames.Rid).Select(a => a.Value!));
        Assert.Equal("recv q;h;f", video.Attributes.GetValue(SdpAttributeNames.Simulcast));
        Assert.Contains("a=simulcast:recv q;h;f\r\na=candidate:", answer.Sdp, StringComparison.Ordinal);

        var track = Assert.Single(answer.Tracks);
        Assert.True(track.IsSimulcast);
        Assert.Equal([new RtpEncoding(null, null, "q", 4), new RtpEncoding(null, null, "h", 2), new RtpEncoding(null, null, "f", 1)],
            track.Parameters.Encodings);
        Assert.Equal((byte?)97, track.Parameters.Codec.RtxPayloadType);
        Assert.Contains(track.Parameters.HeaderExtensions, e => e is { Id: 10, Uri: Extmap.RtpStreamId });
        Assert.Contains(track.Parameters.HeaderExtensions, e => e is { Id: 11, Uri: Extmap.RepairedRtpStreamId });
        Assert.Equal(("6ea9cadb-9d2c-4bfa-aad1-2ad7cdd1a52b", "84e99bce-60ae-46be-9d31-ebb65b67ef82"), (track.StreamId, track.TrackId));
        // Chromium 156 writes no a=ssrc for simulcast: SSRCs and cname arrive with the first RTP and RTCP SDES.
        Assert.Equal("", track.Parameters.Cname);
    }

    [Fact]
    public void ScreenShare_SendRecvIsAnsweredRecvOnly()
    {
        var answer = Answer(Capture(SdpTestData.ScreenShare));
        var video = Assert.Single(Parse(answer.Sdp).Media);

        Assert.Equal(MediaDirection.RecvOnly, video.Attributes.Direction);
        var track = Assert.Single(answer.Tracks);
        Assert.Equal(new RtpEncoding(3895401140, 4193769837), Assert.Single(track.Parameters.Encodings));
        Assert.Equal("VYurjHxuSeOS3SC9", track.Parameters.Cname);
        Assert.Equal("142d9d83-9ac6-49d0-bb59-559b8ee2d0fe", track.StreamId);
    }

    [Fact]
    public void RecvOnly_HasNothingToPublish_AndIsAnsweredInactiveInTheBundle()
    {
        var answer = Answer(Capture(SdpTestData.RecvOnly));
        var sdp = Parse(answer.Sdp);
        var video = Assert.Single(sdp.Media);

        Assert.Empty(answer.Tracks);
        var unpublished = Assert.Single(answer.Unpublished);
        Assert.Equal(("0", "video", false), (unpublished.Mid, unpublished.Media, unpublished.Rejected));
        Assert.Contains("recvonly", unpublished.Reason, StringComparison.Ordinal);
        Assert.Equal(MediaDirection.Inactive, video.Attributes.Direction);
        Assert.Equal(40000, video.Port);
        Assert.Equal(["96", "97"], video.Formats);
        Assert.Empty(video.Attributes.Rids);
        Assert.Equal(SdpGroup.CreateBundle("0"), sdp.Attributes.Bundle);
    }

    [Fact]
    public void DataChannelAndUnsupportedCodecs_AreRejectedWithPortZero_AndLeftOutOfTheBundle()
    {
        var offer = Capture(SdpTestData.AudioVideo)
            .Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2", StringComparison.Ordinal)
            // Video that offers only H.264: the SFU forwards none of it.
            .Replace("m=video 43695 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120",
                "m=video 43695 UDP/TLS/RTP/SAVPF 102 103", StringComparison.Ordinal)
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:1euA\r\na=ice-pwd:vIPeC41GXIhrpAI4yHxT7gWR\r\n" +
            "a=fingerprint:sha-256 F5:D3:F0:8C:3C:30:B3:BD:95:C3:43:1A:4D:2C:04:6F:51:AF:92:19:1B:DC:4D:0A:35:EE:61:10:C4:B5:6D:66\r\n" +
            "a=setup:actpass\r\na=mid:2\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n";

        var answer = Answer(offer);
        var sdp = Parse(answer.Sdp);

        Assert.Equal(SdpGroup.CreateBundle("0"), sdp.Attributes.Bundle);
        Assert.Equal([40000, 0, 0], sdp.Media.Select(m => m.Port));
        Assert.Equal(("video", "UDP/TLS/RTP/SAVPF", "102", "1"), (sdp.Media[1].Media, sdp.Media[1].Protocol, sdp.Media[1].Formats.Single(), sdp.Media[1].Attributes.Mid));
        Assert.Equal(("application", "UDP/DTLS/SCTP", "webrtc-datachannel", "2"),
            (sdp.Media[2].Media, sdp.Media[2].Protocol, sdp.Media[2].Formats.Single(), sdp.Media[2].Attributes.Mid));
        Assert.Equal(["audio/opus"], answer.Tracks.Select(t => t.Parameters.Codec.MimeType));
        Assert.Equal([("1", true), ("2", true)], answer.Unpublished.Select(u => (u.Mid!, u.Rejected)));
    }

    [Fact]
    public void Vp9Profile0_IsTakenWhenOfferedFirst_ButNotProfile2()
    {
        var offer = Capture(SdpTestData.ScreenShare).Replace(
            "m=video 35049 UDP/TLS/RTP/SAVPF 96 97 102 103 104 107 108 109 114 115 116 117 39 40 45 46 98 99 100 101 118 119 120",
            "m=video 35049 UDP/TLS/RTP/SAVPF 100 101 98 99 96 97", StringComparison.Ordinal);

        var track = Assert.Single(Answer(offer).Tracks);

        Assert.Equal(("video/VP9", (byte)98, (byte?)99, "profile-id=0"),
            (track.Parameters.Codec.MimeType, track.Parameters.Codec.PayloadType, track.Parameters.Codec.RtxPayloadType, track.Parameters.Codec.Fmtp));
    }

    [Fact]
    public void SetupActive_IsAccepted_AndTheAnswerStaysPassive()
    {
        var answer = Answer(Edit(Capture(SdpTestData.AudioVideo), "a=setup:", "a=setup:active"));

        Assert.All(Parse(answer.Sdp).Media, media => Assert.Equal(SetupRole.Passive, media.Attributes.Setup));
    }

    [Fact]
    public void SimulcastWithFourLayers_KeepsTheFirstThree()
    {
        var offer = Capture(SdpTestData.Simulcast)
            .Replace("a=rid:f send\r\n", "a=rid:f send\r\na=rid:x send\r\n", StringComparison.Ordinal)
            .Replace("a=simulcast:send q;h;f", "a=simulcast:send q;h;f;x", StringComparison.Ordinal);

        var track = Assert.Single(Answer(offer).Tracks);

        Assert.Equal(["q", "h", "f"], track.Parameters.Encodings.Select(e => e.Rid!));
    }
}
