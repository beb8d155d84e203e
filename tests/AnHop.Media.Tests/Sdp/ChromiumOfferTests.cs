using AnHop.Media.Sdp;

namespace AnHop.Media.Tests.Sdp;

public class ChromiumOfferTests
{
    [Theory]
    [MemberData(nameof(SdpTestData.CaptureNames), MemberType = typeof(SdpTestData))]
    public void Capture_WritesBackByteForByte(string name)
    {
        var text = SdpTestData.Read(name);
        Assert.Contains("\r\n", text, StringComparison.Ordinal);

        var sdp = SdpTestData.Parse(text);

        Assert.Equal(text, sdp.Write());
    }

    [Theory]
    [MemberData(nameof(SdpTestData.CaptureNames), MemberType = typeof(SdpTestData))]
    public void Capture_WithLfLineEnds_ParsesToTheSameModelAndWritesCrlf(string name)
    {
        var crlf = SdpTestData.Read(name);
        var lf = crlf.Replace("\r\n", "\n", StringComparison.Ordinal);

        var sdp = SdpTestData.Parse(lf);

        Assert.Equal(SdpTestData.Parse(crlf), sdp);
        Assert.Equal(crlf, sdp.Write());
    }

    [Theory]
    [MemberData(nameof(SdpTestData.CaptureNames), MemberType = typeof(SdpTestData))]
    public void Capture_HasTheJsepTransportAttributesInEveryMediaSection(string name)
    {
        var sdp = SdpTestData.Parse(SdpTestData.Read(name));

        Assert.Equal("0", sdp.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("-", sdp.Origin.Username);
        Assert.Equal("-", sdp.SessionName);
        Assert.Equal(new SdpTiming(), Assert.Single(sdp.Timings));
        Assert.True(sdp.Attributes.ExtmapAllowMixed);
        Assert.Equal(MsidSemantic.WebRtcMediaStream, sdp.Attributes.MsidSemantic?.Semantic);
        var bundle = sdp.Attributes.Bundle;
        Assert.NotNull(bundle);
        Assert.Equal(sdp.Media.Select(media => media.Attributes.Mid), bundle.Mids);

        foreach (var media in sdp.Media)
        {
            var attributes = media.Attributes;
            Assert.Equal(MediaDescription.UdpTlsRtpSavpf, media.Protocol);
            Assert.Equal(SetupRole.ActPass, attributes.Setup);
            Assert.True(attributes.RtcpMux);
            Assert.True(attributes.RtcpRsize);
            Assert.Equal(["trickle"], attributes.IceOptions);
            Assert.Equal(4, attributes.IceUfrag?.Length);
            Assert.Equal(24, attributes.IcePwd?.Length);

            var fingerprint = attributes.Fingerprint;
            Assert.NotNull(fingerprint);
            Assert.Equal(SdpFingerprint.Sha256Name, fingerprint.HashFunction);
            Assert.Equal(32, fingerprint.Hash.Length);

            // Every fmt has an rtpmap, every rtpmap is listed on the m= line.
            Assert.Equal(media.PayloadTypes.Order(), attributes.RtpMaps.Select(map => map.PayloadType).Order());

            // Host candidates: udp on the real port, tcp active on the discard port.
            var candidates = attributes.Candidates;
            Assert.Equal(4, candidates.Count);
            Assert.All(candidates, candidate => Assert.Equal(IceCandidateType.Host, candidate.Type));
            var udp = candidates.First(candidate => candidate.Transport == "udp");
            Assert.Equal(media.Port, udp.Port);
            Assert.Null(udp.TcpType);
            Assert.All(candidates.Where(candidate => candidate.Transport == "tcp"), candidate => Assert.Equal("active", candidate.TcpType));
            Assert.Equal("IN IP4 0.0.0.0", attributes.GetValue("rtcp")?[2..]);
        }
    }

    [Fact]
    public void AudioVideo_OpusAndVp8WithTheirFeedbackRtxAndExtensions()
    {
        var sdp = SdpTestData.Parse(SdpTestData.Read(SdpTestData.AudioVideo));

        Assert.Equal(["0", "1"], sdp.Attributes.Bundle!.Mids);
        var audio = sdp.FindMedia("0")!;
        var video = sdp.FindMedia("1")!;
        Assert.Equal(MediaDescription.Audio, audio.Media);
        Assert.Equal(MediaDescription.Video, video.Media);
        Assert.Equal(MediaDirection.SendRecv, audio.Attributes.Direction);
        Assert.Equal(MediaDirection.SendRecv, video.Attributes.Direction);

        // Opus: payload type 111, stereo at 48 kHz, transport-cc only, in-band FEC.
        Assert.Equal(new RtpMap(111, "opus", 48000, 2), audio.Attributes.FindRtpMap(111));
        Assert.Equal([new RtcpFeedback(111, "transport-cc")], audio.Attributes.FeedbackFor(111));
        Assert.Equal("1", audio.Attributes.FindFmtp(111)?.GetParameter("useinbandfec"));
        Assert.Equal(1, audio.Attributes.FindExtmapId(Extmap.AudioLevel));
        Assert.Equal(2, audio.Attributes.FindExtmapId(Extmap.AbsSendTime));
        Assert.Equal(3, audio.Attributes.FindExtmapId(Extmap.TransportWideCc));
        Assert.Equal(4, audio.Attributes.FindExtmapId(Extmap.Mid));

        // VP8: payload type 96, its RTX is 97.
        Assert.Equal(96, video.PayloadTypes[0]);
        Assert.Equal(new RtpMap(96, "VP8", 90000), video.Attributes.FindRtpMap(96));
        Assert.Equal(
            [
                new RtcpFeedback(96, "goog-remb"),
                new RtcpFeedback(96, "transport-cc"),
                new RtcpFeedback(96, "ccm", "fir"),
                new RtcpFeedback(96, "nack"),
                new RtcpFeedback(96, "nack", "pli"),
            ],
            video.Attributes.FeedbackFor(96));
        Assert.Equal(new RtpMap(97, "rtx", 90000), video.Attributes.FindRtpMap(97));
        Assert.Equal(96, video.Attributes.FindFmtp(97)?.AssociatedPayloadType);
        Assert.Equal(2, video.Attributes.FindExtmapId(Extmap.AbsSendTime));
        Assert.Equal(3, video.Attributes.FindExtmapId(Extmap.TransportWideCc));
        Assert.Equal(4, video.Attributes.FindExtmapId(Extmap.Mid));
        Assert.Equal(10, video.Attributes.FindExtmapId(Extmap.RtpStreamId));
        Assert.Equal(11, video.Attributes.FindExtmapId(Extmap.RepairedRtpStreamId));

        // RTX flow: FID media SSRC then repair SSRC, both with the same cname and msid.
        var fid = Assert.Single(video.Attributes.SsrcGroups);
        Assert.Equal(new SsrcGroup(SsrcGroup.FlowIdentification, [4167953776u, 1143587441u]), fid);
        var ssrcs = video.Attributes.Ssrcs;
        Assert.Equal(4, ssrcs.Count);
        Assert.Equal(fid.Ssrcs, ssrcs.Select(ssrc => ssrc.Ssrc).Distinct());
        Assert.All(ssrcs.Where(ssrc => ssrc.Attribute == SsrcAttribute.CName), ssrc => Assert.Equal("NoTMuCLNFErLo8i9", ssrc.Value));

        var msid = video.Attributes.Msid;
        Assert.Equal(new Msid("df631f4f-ed41-45e5-9ba2-fb1c44938da3", "6ae79cd2-aa4b-4566-b642-e7bcdf3ac2b1"), msid);
        Assert.Equal([msid!.StreamId], sdp.Attributes.MsidSemantic!.Identifiers);
    }

    [Fact]
    public void Simulcast_ThreeRidsSentAsSeparateStreams()
    {
        var sdp = SdpTestData.Parse(SdpTestData.Read(SdpTestData.Simulcast));

        var video = Assert.Single(sdp.Media);
        Assert.Equal(["0"], sdp.Attributes.Bundle!.Mids);
        Assert.Equal(MediaDirection.SendOnly, video.Attributes.Direction);
        Assert.Equal(
            [new Rid("q", RidDirection.Send), new Rid("h", RidDirection.Send), new Rid("f", RidDirection.Send)],
            video.Attributes.Rids);
        Assert.Equal("send q;h;f", video.Attributes.GetValue(SdpAttributeNames.Simulcast));
        Assert.Equal(Simulcast.Sending("q", "h", "f"), video.Attributes.Simulcast);
        Assert.Equal(9, video.Attributes.FindExtmapId(Extmap.Mid));
        Assert.Equal(10, video.Attributes.FindExtmapId(Extmap.RtpStreamId));
        Assert.Equal(11, video.Attributes.FindExtmapId(Extmap.RepairedRtpStreamId));
        Assert.Equal(2, video.Attributes.FindExtmapId(Extmap.AbsSendTime));
        Assert.Equal(4, video.Attributes.FindExtmapId(Extmap.TransportWideCc));

        // With rids Chromium announces no SSRCs: the SFU learns them from the rid header extension.
        Assert.Empty(video.Attributes.Ssrcs);
        Assert.Empty(video.Attributes.SsrcGroups);
    }

    [Fact]
    public void ScreenShare_IsOneSendRecvVideoWithRtx()
    {
        var sdp = SdpTestData.Parse(SdpTestData.Read(SdpTestData.ScreenShare));

        var video = Assert.Single(sdp.Media);
        Assert.Equal(MediaDirection.SendRecv, video.Attributes.Direction);
        Assert.Equal(new RtpMap(96, "VP8", 90000), video.Attributes.FindRtpMap(96));
        Assert.Equal(
            new SsrcGroup(SsrcGroup.FlowIdentification, [3895401140u, 4193769837u]),
            Assert.Single(video.Attributes.SsrcGroups));
        Assert.NotNull(video.Attributes.Msid?.TrackId);
    }

    [Fact]
    public void RecvOnly_HasNoSendingStreamAttributes()
    {
        var sdp = SdpTestData.Parse(SdpTestData.Read(SdpTestData.RecvOnly));

        var video = Assert.Single(sdp.Media);
        Assert.Equal(MediaDirection.RecvOnly, video.Attributes.Direction);
        Assert.Null(video.Attributes.Msid);
        Assert.Empty(video.Attributes.Ssrcs);
        Assert.Empty(video.Attributes.Rids);
        Assert.Null(video.Attributes.Simulcast);
        Assert.Equal(96, video.Attributes.FindFmtp(97)?.AssociatedPayloadType);
        Assert.Equal(9, video.Attributes.FindExtmapId(Extmap.Mid));
    }

    [Theory]
    [MemberData(nameof(SdpTestData.CaptureNames), MemberType = typeof(SdpTestData))]
    public void Capture_EveryKnownAttributeParsesTyped(string name)
    {
        var sdp = SdpTestData.Parse(SdpTestData.Read(name));

        foreach (var attributes in sdp.Media.Select(media => media.Attributes).Prepend(sdp.Attributes))
        {
            Assert.Equal(attributes.FindAll(SdpAttributeNames.RtpMap).Count(), attributes.RtpMaps.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.Fmtp).Count(), attributes.Fmtps.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.RtcpFeedback).Count(), attributes.RtcpFeedbacks.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.Extmap).Count(), attributes.Extmaps.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.Candidate).Count(), attributes.Candidates.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.Ssrc).Count(), attributes.Ssrcs.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.SsrcGroup).Count(), attributes.SsrcGroups.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.Rid).Count(), attributes.Rids.Count);
            Assert.Equal(attributes.FindAll(SdpAttributeNames.Group).Count(), attributes.Groups.Count);
        }

        // Typed values format back to the text Chromium wrote, except msid-semantic's leading space.
        foreach (var attribute in sdp.Media.SelectMany(media => media.Attributes).Concat(sdp.Attributes))
        {
            var formatted = attribute.Name switch
            {
                SdpAttributeNames.RtpMap => Format<RtpMap>(attribute.Value!),
                SdpAttributeNames.Fmtp => Format<Fmtp>(attribute.Value!),
                SdpAttributeNames.RtcpFeedback => Format<RtcpFeedback>(attribute.Value!),
                SdpAttributeNames.Extmap => Format<Extmap>(attribute.Value!),
                SdpAttributeNames.Candidate => Format<IceCandidate>(attribute.Value!),
                SdpAttributeNames.Ssrc => Format<SsrcAttribute>(attribute.Value!),
                SdpAttributeNames.SsrcGroup => Format<SsrcGroup>(attribute.Value!),
                SdpAttributeNames.Rid => Format<Rid>(attribute.Value!),
                SdpAttributeNames.Simulcast => Format<Simulcast>(attribute.Value!),
                SdpAttributeNames.Group => Format<SdpGroup>(attribute.Value!),
                SdpAttributeNames.Fingerprint => Format<SdpFingerprint>(attribute.Value!),
                SdpAttributeNames.Msid => Format<Msid>(attribute.Value!),
                SdpAttributeNames.MsidSemantic => " " + Format<MsidSemantic>(attribute.Value!),
                _ => attribute.Value,
            };
            Assert.Equal(attribute.Value, formatted);
        }
    }

    private static string Format<T>(string value) where T : class, ISdpAttributeValue<T>
    {
        Assert.True(T.TryParse(value, out var parsed), value);
        return parsed.FormatValue();
    }
}
