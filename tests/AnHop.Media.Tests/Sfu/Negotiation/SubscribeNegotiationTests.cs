using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

/// <summary>The SFU's offers on a receive connection, and its checks of the browser's answers.</summary>
public class SubscribeNegotiationTests
{
    /// <summary>Chromium 156's answer to an offer of Alice's microphone (mid 0) and Bob's camera (mid 1), as setLocalDescription gave it.</summary>
    internal const string ChromiumAnswer =
        "v=0\r\n" +
        "o=- 5584264329031251131 2 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "t=0 0\r\n" +
        "a=group:BUNDLE 0 1\r\n" +
        "a=msid-semantic: WMS\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\n" +
        "c=IN IP4 0.0.0.0\r\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:XWle\r\n" +
        "a=ice-pwd:vKzR66zUZ/6GQ2HG7M0aatn0\r\n" +
        "a=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 3B:39:F9:BB:FC:5C:08:97:8B:DC:D2:75:01:AB:01:B4:E9:12:E3:9A:2F:DF:A0:C9:76:3E:61:B6:87:DB:A6:8F\r\n" +
        "a=setup:active\r\n" +
        "a=mid:0\r\n" +
        "a=extmap:6 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n" +
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n" +
        "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=recvonly\r\n" +
        "a=rtcp-mux\r\n" +
        "a=rtcp-rsize\r\n" +
        "a=rtpmap:111 opus/48000/2\r\n" +
        "a=rtcp-fb:111 transport-cc\r\n" +
        "a=fmtp:111 minptime=10;useinbandfec=1\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\n" +
        "c=IN IP4 0.0.0.0\r\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:XWle\r\n" +
        "a=ice-pwd:vKzR66zUZ/6GQ2HG7M0aatn0\r\n" +
        "a=ice-options:trickle\r\n" +
        "a=fingerprint:sha-256 3B:39:F9:BB:FC:5C:08:97:8B:DC:D2:75:01:AB:01:B4:E9:12:E3:9A:2F:DF:A0:C9:76:3E:61:B6:87:DB:A6:8F\r\n" +
        "a=setup:active\r\n" +
        "a=mid:1\r\n" +
        "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n" +
        "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=recvonly\r\n" +
        "a=rtcp-mux\r\n" +
        "a=rtcp-rsize\r\n" +
        "a=rtpmap:96 VP8/90000\r\n" +
        "a=rtcp-fb:96 goog-remb\r\n" +
        "a=rtcp-fb:96 transport-cc\r\n" +
        "a=rtcp-fb:96 ccm fir\r\n" +
        "a=rtcp-fb:96 nack\r\n" +
        "a=rtcp-fb:96 nack pli\r\n" +
        "a=rtpmap:97 rtx/90000\r\n" +
        "a=fmtp:97 apt=96\r\n";

    [Fact]
    public void NoConsumers_OfferHasNoMLines_AndAnEmptyAnswerIsAccepted()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport, sessionId: 42);

        var offer = Parse(negotiation.CreateOffer([]));

        Assert.Empty(offer.Media);
        Assert.Null(offer.Attributes.Bundle);
        Assert.True(offer.Attributes.IceLite);
        Assert.Equal(("42", "1"), (offer.Origin.SessionId, offer.Origin.SessionVersion));
        Assert.True(negotiation.TryAcceptAnswer("v=0\r\no=- 9 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n", out var result, out var reason), reason);
        Assert.Null(result.RemoteIceUfrag);
        Assert.Empty(result.HeaderExtensions);
    }

    [Fact]
    public void OneConsumer_IsASendOnlyOpusMLineWithItsSsrcAndMsid()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport, sessionId: 42);

        var text = negotiation.CreateOffer([Consumer("0", "audio/opus", 1111, null, "alice")]);

        Assert.Equal(
            "v=0\r\n" +
            "o=- 42 1 IN IP4 127.0.0.1\r\n" +
            "s=-\r\n" +
            "t=0 0\r\n" +
            "a=group:BUNDLE 0\r\n" +
            "a=ice-lite\r\n" +
            "m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\n" +
            "c=IN IP4 192.0.2.10\r\n" +
            "a=mid:0\r\n" +
            "a=ice-ufrag:sfuA\r\n" +
            "a=ice-pwd:sfupassword0123456789ab\r\n" +
            "a=fingerprint:" + SfuFingerprint.ToSdpValue() + "\r\n" +
            "a=setup:actpass\r\n" +
            "a=sendonly\r\n" +
            "a=msid:alice alice-0\r\n" +
            "a=rtcp-mux\r\n" +
            "a=rtcp-rsize\r\n" +
            "a=extmap:1 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
            "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
            "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\n" +
            "a=extmap:6 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n" +
            "a=rtpmap:111 opus/48000/2\r\n" +
            "a=rtcp-fb:111 transport-cc\r\n" +
            "a=fmtp:111 minptime=10;useinbandfec=1\r\n" +
            "a=ssrc:1111 cname:anhop-sfu\r\n" +
            "a=ssrc:1111 msid:alice alice-0\r\n" +
            "a=candidate:udp0 1 udp 2130706431 192.0.2.10 40000 typ host\r\n" +
            "a=candidate:tcp0 1 tcp 1520435199 192.0.2.10 40443 typ host tcptype passive\r\n" +
            "a=end-of-candidates\r\n",
            text);
        Assert.True(negotiation.HasPendingOffer);
    }

    [Fact]
    public void ThreeConsumers_ShareOneBundle_AndVideoCarriesRtxWithAnFidGroup()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);

        var offer = Parse(negotiation.CreateOffer(
            [Consumer("0", "audio/opus", 1111, null, "alice"), Consumer("1", "video/VP8", 2222, 2223, "bob"), Consumer("2", "video/VP9", 3333, 3334, "carol")]));

        Assert.Equal(SdpGroup.CreateBundle("0", "1", "2"), offer.Attributes.Bundle);
        Assert.All(offer.Media, media =>
        {
            Assert.Equal(MediaDirection.SendOnly, media.Attributes.Direction);
            Assert.Equal(SetupRole.ActPass, media.Attributes.Setup);
            Assert.Equal(40000, media.Port);
        });
        var bob = offer.Media[1].Attributes;
        Assert.Equal(["96", "97"], offer.Media[1].Formats);
        Assert.Equal(new SsrcGroup(SsrcGroup.FlowIdentification, [2222u, 2223u]), Assert.Single(bob.SsrcGroups));
        Assert.Equal(["2222 cname:anhop-sfu", "2222 msid:bob bob-1", "2223 cname:anhop-sfu", "2223 msid:bob bob-1"],
            bob.Ssrcs.Select(s => s.FormatValue()));
        Assert.Equal(new Fmtp(97, "apt=96"), Assert.Single(bob.Fmtps));
        Assert.Equal([1, 2, 3], bob.Extmaps.Select(e => e.Id));
        var carol = offer.Media[2].Attributes;
        Assert.Equal(["98 VP9/90000", "99 rtx/90000"], carol.RtpMaps.Select(m => m.FormatValue()));
        Assert.Equal([new Fmtp(98, "profile-id=0"), new Fmtp(99, "apt=98")], carol.Fmtps);
        Assert.Equal(new Msid("carol", "carol-2"), carol.Msid);
    }

    [Fact]
    public void ReOffer_AfterAConsumerEnds_RejectsItsMLine_KeepsItsPlace_AndRaisesTheVersion()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport, sessionId: 42);
        var alice = Consumer("0", "audio/opus", 1111, null, "alice");
        var bob = Consumer("1", "video/VP8", 2222, 2223, "bob");
        var carol = Consumer("2", "video/VP8", 3333, 3334, "carol");
        negotiation.CreateOffer([alice, bob, carol]);
        Assert.True(negotiation.TryAcceptAnswer(AnswerFor(["0", "1", "2"]), out _, out var reason), reason);

        var offer = Parse(negotiation.CreateOffer([alice, bob with { Active = false }, carol]));

        Assert.Equal("2", offer.Origin.SessionVersion);
        Assert.Equal(3, offer.Media.Count);
        Assert.Equal(SdpGroup.CreateBundle("0", "2"), offer.Attributes.Bundle);
        var ended = offer.Media[1];
        Assert.Equal((0, MediaDirection.Inactive, "1"), (ended.Port, ended.Attributes.Direction, ended.Attributes.Mid));
        Assert.Empty(ended.Attributes.Ssrcs);
        Assert.Null(ended.Attributes.Msid);
        Assert.Empty(ended.Attributes.Candidates);
        Assert.Equal(MediaDirection.SendOnly, offer.Media[2].Attributes.Direction);
    }

    [Fact]
    public void EndingTheFirstConsumer_KeepsItsMLineInTheBundle_AsInactive()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        var alice = Consumer("0", "audio/opus", 1111, null, "alice");
        var bob = Consumer("1", "video/VP8", 2222, 2223, "bob");
        negotiation.CreateOffer([alice, bob]);

        var offer = Parse(negotiation.CreateOffer([alice with { Active = false }, bob]));

        Assert.Equal(SdpGroup.CreateBundle("0", "1"), offer.Attributes.Bundle);
        Assert.Equal((40000, MediaDirection.Inactive), (offer.Media[0].Port, offer.Media[0].Attributes.Direction));
        Assert.Empty(offer.Media[0].Attributes.Ssrcs);
    }

    [Fact]
    public void RejectedMLine_IsRecycledOnlyUnderANewMid()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        var alice = Consumer("0", "audio/opus", 1111, null, "alice");
        var bob = Consumer("1", "video/VP8", 2222, 2223, "bob");
        negotiation.CreateOffer([alice, bob]);
        negotiation.CreateOffer([alice, bob with { Active = false }]);

        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice, bob]));
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice, Consumer("0", "video/VP8", 4444, 4445, "dave")]));
        var offer = Parse(negotiation.CreateOffer([alice, Consumer("3", "video/VP8", 4444, 4445, "dave")]));

        Assert.Equal(SdpGroup.CreateBundle("0", "3"), offer.Attributes.Bundle);
        Assert.Equal(("3", 40000), (offer.Media[1].Attributes.Mid, offer.Media[1].Port));
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice, Consumer("3", "video/VP8", 4444, 4445, "dave"), Consumer("1", "video/VP8", 5555, 5556, "erin")]));
    }

    [Fact]
    public void OffersThatBreakJsepOrBundleRules_Throw()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        var alice = Consumer("0", "audio/opus", 1111, null, "alice");
        var bob = Consumer("1", "video/VP8", 2222, 2223, "bob");
        negotiation.CreateOffer([alice, bob]);

        // m-lines are never removed or reordered.
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice]));
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([bob, alice]));
        // One payload type cannot mean VP8 on one m-line and something else on another.
        var clash = Consumer("2", "video/VP8", 3333, 3334, "carol");
        clash = clash with { Parameters = clash.Parameters with { Codec = clash.Parameters.Codec with { MimeType = "video/VP9" } } };
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice, bob, clash]));
        // Nor one extmap id two URIs.
        var extmapClash = Consumer("2", "video/VP8", 3333, 3334, "carol");
        extmapClash = extmapClash with { Parameters = extmapClash.Parameters with { HeaderExtensions = [new RtpHeaderExtensionParameter(1, Extmap.AbsSendTime)] } };
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice, bob, extmapClash]));
        Assert.Throws<ArgumentException>(() => negotiation.CreateOffer([alice, bob, Consumer("bad mid", "video/VP8", 3333, 3334, "carol")]));
        Assert.Equal(1UL, negotiation.SessionVersion);
    }

    [Fact]
    public void ChromiumAnswer_IsAccepted_WithItsCredentialsFingerprintAndHeaderExtensions()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        negotiation.CreateOffer([Consumer("0", "audio/opus", 1111, null, "alice"), Consumer("1", "video/VP8", 2222, 2223, "bob")]);

        Assert.True(negotiation.TryAcceptAnswer(ChromiumAnswer, out var result, out var reason), reason);

        Assert.Equal(("XWle", "vKzR66zUZ/6GQ2HG7M0aatn0"), (result.RemoteIceUfrag, result.RemoteIcePwd));
        Assert.Equal("sha-256 3B:39:F9:BB:FC:5C:08:97:8B:DC:D2:75:01:AB:01:B4:E9:12:E3:9A:2F:DF:A0:C9:76:3E:61:B6:87:DB:A6:8F",
            result.RemoteFingerprint!.ToSdpValue());
        Assert.Equal([6, 2, 3, 1], result.HeaderExtensions["0"].Select(e => (int)e.Id));
        Assert.Equal([Extmap.AbsSendTime, Extmap.TransportWideCc, Extmap.Mid], result.HeaderExtensions["1"].Select(e => e.Uri));
        Assert.Empty(result.RejectedMids);
        Assert.False(negotiation.HasPendingOffer);
        Assert.False(negotiation.TryAcceptAnswer(ChromiumAnswer, out _, out reason));
        Assert.Equal("no offer waits for an answer", reason);
    }

    public static TheoryData<string, string, string> BadAnswers => new()
    {
        { "a=setup:active", "a=setup:passive", "a=setup must be active" },
        { "a=setup:active", "a=setup:actpass", "a=setup must be active" },
        { "a=fingerprint:sha-256 3B:39:F9:BB:FC:5C:08:97:8B:DC:D2:75:01:AB:01:B4:E9:12:E3:9A:2F:DF:A0:C9:76:3E:61:B6:87:DB:A6:8F\r\n", "", "no a=fingerprint" },
        { "a=ice-pwd:vKzR66zUZ/6GQ2HG7M0aatn0\r\n", "", "no a=ice-pwd" },
        { "a=mid:1", "a=mid:9", "different or no a=mid" },
        { "a=recvonly", "a=sendrecv", "must be recvonly or inactive" },
        { "a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "a=extmap:5 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", "extmap the offer did not make" },
        { "a=group:BUNDLE 0 1\r\n", "", "no a=group:BUNDLE" },
        { "a=rtcp-mux\r\n", "", "no a=rtcp-mux" },
        { "m=video 9 UDP/TLS/RTP/SAVPF 96 97", "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nx=unknown", "answer is not valid SDP" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public void AnswersThatBreakTheRules_AreRefusedWithAReason(string find, string replace, string expected)
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        negotiation.CreateOffer([Consumer("0", "audio/opus", 1111, null, "alice"), Consumer("1", "video/VP8", 2222, 2223, "bob")]);
        Assert.Contains(find, ChromiumAnswer, StringComparison.Ordinal);

        Assert.False(negotiation.TryAcceptAnswer(ChromiumAnswer.Replace(find, replace, StringComparison.Ordinal), out var result, out var reason));

        Assert.Null(result);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
        Assert.True(negotiation.HasPendingOffer);
    }

    [Fact]
    public void AnswerWithAnotherMLineCount_OrRevivingARejectedMLine_IsRefused()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        var alice = Consumer("0", "audio/opus", 1111, null, "alice");
        var bob = Consumer("1", "video/VP8", 2222, 2223, "bob");
        negotiation.CreateOffer([alice]);
        Assert.False(negotiation.TryAcceptAnswer(ChromiumAnswer, out _, out var reason));
        Assert.Equal("answer has 2 m-lines, the offer 1", reason);

        negotiation.CreateOffer([alice, bob]);
        negotiation.CreateOffer([alice, bob with { Active = false }]);
        Assert.False(negotiation.TryAcceptAnswer(ChromiumAnswer, out _, out reason));
        Assert.Contains("revives or renames rejected m-line 1", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BrowserRejectingAConsumer_IsReported()
    {
        var negotiation = new SubscribeNegotiation(SfuTransport);
        negotiation.CreateOffer([Consumer("0", "audio/opus", 1111, null, "alice"), Consumer("1", "video/VP8", 2222, 2223, "bob")]);

        Assert.True(negotiation.TryAcceptAnswer(ChromiumAnswer.Replace("m=video 9 ", "m=video 0 ", StringComparison.Ordinal)
            .Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0", StringComparison.Ordinal), out var result, out var reason), reason);

        Assert.Equal(["1"], result.RejectedMids);
        Assert.False(result.HeaderExtensions.ContainsKey("1"));
    }

    /// <summary>A minimal Chromium-style answer: recvonly (inactive where port 0 was offered), setup active.</summary>
    private static string AnswerFor(string[] mids)
    {
        var text = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE " + string.Join(' ', mids) + "\r\n";
        foreach (var mid in mids)
        {
            text += "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:XWle\r\na=ice-pwd:vKzR66zUZ/6GQ2HG7M0aatn0\r\n" +
                "a=fingerprint:sha-256 3B:39:F9:BB:FC:5C:08:97:8B:DC:D2:75:01:AB:01:B4:E9:12:E3:9A:2F:DF:A0:C9:76:3E:61:B6:87:DB:A6:8F\r\n" +
                "a=setup:active\r\na=mid:" + mid + "\r\na=recvonly\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n";
        }

        return text;
    }
}
