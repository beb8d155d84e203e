using AnHop.Media.Sdp;

namespace AnHop.Media.Tests.Sdp;

public class SdpAttributeValueTests
{
    [Fact]
    public void Group_Bundle_RFC9143()
    {
        Assert.True(SdpGroup.TryParse("BUNDLE 0 1 data", out var group));
        Assert.Equal(SdpGroup.CreateBundle("0", "1", "data"), group);
        Assert.Equal("BUNDLE 0 1 data", group.FormatValue());
        Assert.True(SdpGroup.TryParse("BUNDLE", out var empty));
        Assert.Empty(empty.Mids);
        Assert.False(SdpGroup.TryParse("BUNDLE  0", out _));
    }

    [Fact]
    public void Fingerprint_RFC8122_UpperAndLowerHex()
    {
        Assert.True(SdpFingerprint.TryParse("sha-256 0A:bc:FF", out var fingerprint));
        Assert.Equal("sha-256", fingerprint.HashFunction);
        Assert.Equal(new byte[] { 0x0A, 0xBC, 0xFF }, fingerprint.Hash.ToArray());
        Assert.Equal("sha-256 0A:BC:FF", fingerprint.FormatValue());
        Assert.True(fingerprint.Matches("SHA-256", [0x0A, 0xBC, 0xFF]));
        Assert.False(fingerprint.Matches("sha-256", [0x0A, 0xBC, 0xFE]));
    }

    [Theory]
    [InlineData("sha-256")]
    [InlineData("sha-256 ")]
    [InlineData("sha-256 0A:B")]
    [InlineData("sha-256 0A-BC")]
    [InlineData("sha-256 0G")]
    [InlineData(" 0A")]
    public void Fingerprint_Malformed_IsRefused(string value) => Assert.False(SdpFingerprint.TryParse(value, out _));

    [Fact]
    public void Fingerprint_Sha256OfACertificate()
    {
        var fingerprint = SdpFingerprint.Sha256("abc"u8);

        // FIPS 180-2 B.1: SHA-256("abc").
        Assert.Equal(
            "sha-256 BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD",
            fingerprint.FormatValue());
    }

    [Fact]
    public void SetupAndDirection_UnknownTextIsUnknown()
    {
        Assert.Equal(SetupRole.ActPass, SetupRoleText.Parse("actpass"));
        Assert.Equal(SetupRole.Unknown, SetupRoleText.Parse("ACTPASS"));
        Assert.Equal("passive", SetupRole.Passive.ToSdp());
        Assert.Equal(MediaDirection.RecvOnly, MediaDirectionText.Parse("recvonly"));
        Assert.Equal(MediaDirection.Unknown, MediaDirectionText.Parse("sideways"));
        Assert.Equal(MediaDirection.RecvOnly, MediaDirection.SendOnly.Reverse());
    }

    [Fact]
    public void Direction_SettingReplacesInPlace()
    {
        var attributes = new SdpAttributeList { new SdpAttribute("mid", "0"), new SdpAttribute("sendrecv"), new SdpAttribute("rtcp-mux") };
        Assert.Equal(MediaDirection.SendRecv, attributes.Direction);

        attributes.Direction = MediaDirection.RecvOnly;

        Assert.Equal(["mid", "recvonly", "rtcp-mux"], attributes.Select(attribute => attribute.Name));
        attributes.Direction = MediaDirection.Unknown;
        Assert.Equal(MediaDirection.Unknown, attributes.Direction);
        Assert.Equal(2, attributes.Count);
    }

    [Fact]
    public void Msid_RFC8830()
    {
        Assert.True(Msid.TryParse("- track", out var msid));
        Assert.Equal(new Msid("-", "track"), msid);
        Assert.True(Msid.TryParse("stream", out var streamOnly));
        Assert.Null(streamOnly.TrackId);
        Assert.False(Msid.TryParse("a b c", out _));
    }

    [Theory]
    [InlineData("1 urn:ietf:params:rtp-hdrext:ssrc-audio-level", 1, MediaDirection.Unknown, null)]
    [InlineData("2/sendonly urn:x", 2, MediaDirection.SendOnly, null)]
    [InlineData("4096/recvonly urn:x attr1 attr2", 4096, MediaDirection.RecvOnly, "attr1 attr2")]
    [InlineData("255 urn:x", 255, MediaDirection.Unknown, null)]
    public void Extmap_RFC8285(string value, int id, MediaDirection direction, string? attributes)
    {
        Assert.True(Extmap.TryParse(value, out var extmap));
        Assert.Equal((id, direction, attributes), (extmap.Id, extmap.Direction, extmap.Attributes));
        Assert.Equal(value, extmap.FormatValue());
    }

    [Theory]
    [InlineData("0 urn:x")]
    [InlineData("15 urn:x")]
    [InlineData("256 urn:x")]
    [InlineData("1/sideways urn:x")]
    [InlineData("1")]
    [InlineData("1 ")]
    [InlineData("1 urn:x ")]
    public void Extmap_BadIdDirectionOrUri_IsRefused(string value) => Assert.False(Extmap.TryParse(value, out _));

    [Theory]
    [InlineData("111 opus/48000/2", 111, "opus", 48000u, 2)]
    [InlineData("96 VP8/90000", 96, "VP8", 90000u, null)]
    [InlineData("0 PCMU/8000", 0, "PCMU", 8000u, null)]
    public void RtpMap_RFC8866_6_6(string value, byte payloadType, string name, uint clock, int? channels)
    {
        Assert.True(RtpMap.TryParse(value, out var map));
        Assert.Equal(new RtpMap(payloadType, name, clock, channels), map);
        Assert.Equal(value, map.FormatValue());
    }

    [Theory]
    [InlineData("128 opus/48000")]
    [InlineData("96 VP8")]
    [InlineData("96 VP8/0")]
    [InlineData("96 VP8/90000/x")]
    [InlineData("96 VP8/90000/2/1")]
    [InlineData("x VP8/90000")]
    public void RtpMap_Malformed_IsRefused(string value) => Assert.False(RtpMap.TryParse(value, out _));

    [Fact]
    public void Fmtp_KeyValuePairsAndApt()
    {
        Assert.True(Fmtp.TryParse("102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f", out var h264));
        Assert.Equal("42001f", h264.GetParameter("profile-level-id"));
        Assert.Equal(3, h264.ParseParameters().Count);
        Assert.Null(h264.AssociatedPayloadType);

        Assert.True(Fmtp.TryParse("97 apt=96", out var rtx));
        Assert.Equal(96, rtx.AssociatedPayloadType);

        Assert.True(Fmtp.TryParse("63 111/111", out var red));
        Assert.Equal("111/111", red.Parameters);

        var built = Fmtp.FromParameters(97, [new("apt", "96")]);
        Assert.Equal("97 apt=96", built.FormatValue());
        Assert.False(Fmtp.TryParse("97", out _));
        Assert.False(Fmtp.TryParse("97 ", out _));
    }

    [Fact]
    public void RtcpFeedback_RFC4585_WithWildcard()
    {
        Assert.True(RtcpFeedback.TryParse("* transport-cc", out var wildcard));
        Assert.Null(wildcard.PayloadType);
        Assert.True(wildcard.AppliesTo(96));
        Assert.Equal("* transport-cc", wildcard.FormatValue());

        Assert.True(RtcpFeedback.TryParse("96 ccm tmmbr smaxpr=120", out var tmmbr));
        Assert.Equal(new RtcpFeedback(96, "ccm", "tmmbr smaxpr=120"), tmmbr);
        Assert.False(tmmbr.AppliesTo(97));
        Assert.False(RtcpFeedback.TryParse("96", out _));
    }

    [Fact]
    public void Ssrc_RFC5576()
    {
        Assert.True(SsrcAttribute.TryParse("1189684665 msid:stream track", out var ssrc));
        Assert.Equal(new SsrcAttribute(1189684665, "msid", "stream track"), ssrc);
        Assert.True(SsrcAttribute.TryParse("1 cname:a:b", out var colon));
        Assert.Equal("a:b", colon.Value);
        Assert.True(SsrcAttribute.TryParse("4294967295 flag", out var flag));
        Assert.Null(flag.Value);
        Assert.False(SsrcAttribute.TryParse("4294967296 cname:x", out _));

        Assert.True(SsrcGroup.TryParse("SIM 1 2 3", out var sim));
        Assert.Equal(new SsrcGroup(SsrcGroup.Simulcast, [1u, 2u, 3u]), sim);
        Assert.Equal("SIM 1 2 3", sim.FormatValue());
        Assert.False(SsrcGroup.TryParse("FID 1 x", out _));
    }

    [Fact]
    public void Rid_RFC8851_WithPayloadTypesAndRestrictions()
    {
        Assert.True(Rid.TryParse("f send pt=96,97;max-width=1280;max-height=720", out var rid));
        Assert.Equal("f", rid.Id);
        Assert.Equal(RidDirection.Send, rid.Direction);
        Assert.Equal([(byte)96, (byte)97], rid.PayloadTypes);
        Assert.Equal([new("max-width", "1280"), new("max-height", "720")], rid.Restrictions);
        Assert.Equal("f send pt=96,97;max-width=1280;max-height=720", rid.FormatValue());

        Assert.True(Rid.TryParse("q recv", out var recv));
        Assert.Equal(new Rid("q", RidDirection.Recv), recv);
        Assert.Equal("q recv", recv.FormatValue());

        Assert.False(Rid.TryParse("q sideways", out _));
        Assert.False(Rid.TryParse("q! send", out _));
        Assert.False(Rid.TryParse("q send max-width=1;pt=96", out _));
        Assert.False(Rid.TryParse("q send pt=128", out _));
    }

    [Fact]
    public void Simulcast_RFC8853_AlternativesAndPaused()
    {
        Assert.True(Simulcast.TryParse("send 1,~4;2;3 recv c", out var simulcast));
        Assert.Equal(3, simulcast.Send.Count);
        Assert.Equal([new SimulcastRid("1"), new SimulcastRid("4", Paused: true)], simulcast.Send[0].Alternatives);
        Assert.Equal(new SimulcastStream("c"), Assert.Single(simulcast.Recv));
        Assert.Equal("send 1,~4;2;3 recv c", simulcast.FormatValue());

        Assert.True(Simulcast.TryParse("recv q;h;f", out var recv));
        Assert.Equal(Simulcast.Receiving("q", "h", "f"), recv);

        Assert.False(Simulcast.TryParse("send", out _));
        Assert.False(Simulcast.TryParse("send a recv b send c", out _));
        Assert.False(Simulcast.TryParse("send a send b", out _));
        Assert.False(Simulcast.TryParse("send a;;b", out _));
        Assert.False(Simulcast.TryParse("both a", out _));
    }

    [Fact]
    public void Candidate_RFC8839_HostTcpAndRelayed()
    {
        Assert.True(IceCandidate.TryParse("935171811 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 network-id 1", out var tcp));
        Assert.Equal(("935171811", 1, "tcp", 1518214911u, "192.0.2.2", 9), (tcp.Foundation, tcp.Component, tcp.Transport, tcp.Priority, tcp.Address, tcp.Port));
        Assert.Equal(IceCandidateType.Host, tcp.Type);
        Assert.Equal("active", tcp.TcpType);
        Assert.Equal(3, tcp.Extensions.Count);

        const string Relay = "1 1 udp 41885439 203.0.113.5 3478 typ relay raddr 198.51.100.7 rport 50000 ufrag abcd";
        Assert.True(IceCandidate.TryParse(Relay, out var relay));
        Assert.Equal(IceCandidateType.Relayed, relay.Type);
        Assert.Equal(("198.51.100.7", (int?)50000), (relay.RelatedAddress, relay.RelatedPort));
        Assert.Equal(Relay, relay.FormatValue());

        var host = IceCandidate.Host("1", "udp", IceCandidate.ComputePriority(126, 65535, 1), "127.0.0.1", 40000);
        Assert.Equal("1 1 udp 2130706431 127.0.0.1 40000 typ host", host.FormatValue());
    }

    [Theory]
    [InlineData("1 1 udp 1 127.0.0.1 9 host")]
    [InlineData("1 1 udp 1 127.0.0.1 9 typ alien")]
    [InlineData("1 0 udp 1 127.0.0.1 9 typ host")]
    [InlineData("1 1 udp 1 127.0.0.1 65536 typ host")]
    [InlineData("1 1 udp 4294967296 127.0.0.1 9 typ host")]
    [InlineData("1 1 udp 1 127.0.0.1 9 typ host generation")]
    [InlineData("1 1 udp 1 127.0.0.1 9 typ srflx raddr 1.2.3.4 rport x")]
    [InlineData("f*o 1 udp 1 127.0.0.1 9 typ host")]
    public void Candidate_Malformed_IsRefused(string value) => Assert.False(IceCandidate.TryParse(value, out _));

    [Fact]
    public void MsidSemantic_AcceptsChromiumsLeadingSpace()
    {
        Assert.True(MsidSemantic.TryParse(" WMS a b", out var semantic));
        Assert.Equal(new MsidSemantic("WMS", ["a", "b"]), semantic);
        Assert.Equal("WMS a b", semantic.FormatValue());
        Assert.False(MsidSemantic.TryParse(" ", out _));
    }

    [Fact]
    public void Flags_SetAndClear()
    {
        var attributes = new SdpAttributeList();
        attributes.IceLite = true;
        attributes.IceLite = true;
        attributes.RtcpMux = true;
        attributes.EndOfCandidates = true;

        Assert.Equal(["ice-lite", "rtcp-mux", "end-of-candidates"], attributes.Select(attribute => attribute.ToString()));
        attributes.RtcpMux = false;
        Assert.False(attributes.RtcpMux);
        Assert.True(attributes.IceLite && attributes.EndOfCandidates);
    }

    [Fact]
    public void Set_ReplacesTheFirstAndDropsDuplicates()
    {
        var attributes = new SdpAttributeList { new SdpAttribute("mid", "a"), new SdpAttribute("x"), new SdpAttribute("mid", "b") };

        attributes.Mid = "c";

        Assert.Equal(["mid:c", "x"], attributes.Select(attribute => attribute.ToString()));
        attributes.Mid = null;
        Assert.Equal(["x"], attributes.Select(attribute => attribute.ToString()));
    }

    [Fact]
    public void TypedAccessors_SkipLinesThatDoNotParse()
    {
        var attributes = new SdpAttributeList { new SdpAttribute("rtpmap", "oops"), new SdpAttribute("rtpmap", "96 VP8/90000"), new SdpAttribute("rtpmap") };

        Assert.Equal([new RtpMap(96, "VP8", 90000)], attributes.RtpMaps);
        Assert.Equal(new RtpMap(96, "VP8", 90000), attributes.Get<RtpMap>());
    }
}
