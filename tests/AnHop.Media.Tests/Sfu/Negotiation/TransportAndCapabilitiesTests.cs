using System.Net;
using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

public class TransportAndCapabilitiesTests
{
    [Fact]
    public void Candidates_RankEveryUdpAboveEveryTcp_AndIpv6GetsAnIp6ConnectionLine()
    {
        var transport = SfuTransport with
        {
            UdpCandidates = [new IPEndPoint(IPAddress.Parse("2001:db8::10"), 40000), new IPEndPoint(IPAddress.Parse("192.0.2.10"), 40000)],
        };

        var candidates = transport.ToCandidates();

        Assert.Equal(["udp", "udp", "tcp"], candidates.Select(c => c.Transport));
        Assert.True(candidates[0].Priority > candidates[1].Priority);
        Assert.True(candidates[1].Priority > candidates[2].Priority);
        Assert.Equal("passive", candidates[2].TcpType);
        var offer = new SubscribeNegotiation(transport).CreateOffer([Consumer("0", "audio/opus", 1, null, "alice")]);
        Assert.Contains("m=audio 40000 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP6 2001:db8::10\r\n", offer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc", SfuPwd)]
    [InlineData("sfu A", SfuPwd)]
    [InlineData(SfuUfrag, "tooshort")]
    public void InvalidCredentials_AreAProgrammingError(string ufrag, string pwd) =>
        Assert.Throws<ArgumentException>(() => new SubscribeNegotiation(SfuTransport with { IceUfrag = ufrag, IcePwd = pwd }));

    [Fact]
    public void TransportWithoutCandidates_IsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => (SfuTransport with { UdpCandidates = [], TcpCandidates = null }).Validate());

    [Fact]
    public void Codecs_MatchByNameClockChannelsAndRequiredParameters()
    {
        var caps = SfuCapabilities.Default;

        Assert.Equal("audio/opus", caps.Find(MediaKind.Audio, new RtpMap(109, "OPUS", 48000, 2), null)?.MimeType);
        Assert.Null(caps.Find(MediaKind.Audio, new RtpMap(109, "opus", 48000), null));
        Assert.Null(caps.Find(MediaKind.Video, new RtpMap(102, "H264", 90000), null));
        Assert.Equal("video/VP9", caps.Find(MediaKind.Video, new RtpMap(98, "VP9", 90000), null)?.MimeType);
        Assert.Null(caps.Find(MediaKind.Video, new RtpMap(100, "VP9", 90000), new Fmtp(100, "profile-id=2")));
        Assert.Null(caps.Find(MediaKind.Audio, new RtpMap(96, "VP8", 90000), null));
    }

    [Fact]
    public void ConsumerParameters_UseTheSfusNumbers_AndDropRidExtensions()
    {
        var parameters = SfuCapabilities.Default.CreateConsumerParameters("4", new RtpCodec("video/VP8", 120, 90000, RtxPayloadType: 121), 7, 8, "c");

        Assert.Equal(((byte)96, (byte?)97), (parameters.Codec.PayloadType, parameters.Codec.RtxPayloadType));
        Assert.Equal(new RtpEncoding(7, 8), Assert.Single(parameters.Encodings));
        Assert.Equal([Extmap.Mid, Extmap.AbsSendTime, Extmap.TransportWideCc], parameters.HeaderExtensions.Select(e => e.Uri));
        Assert.Throws<ArgumentException>(() =>
            SfuCapabilities.Default.CreateConsumerParameters("5", new RtpCodec("video/H264", 102, 90000), 7, null, "c"));
    }

    [Fact]
    public void Capabilities_RefuseAmbiguousNumbers() =>
        Assert.Throws<ArgumentException>(() => new SfuCapabilities(SfuCapabilities.Default.Codecs,
            [new RtpHeaderExtensionParameter(1, Extmap.Mid), new RtpHeaderExtensionParameter(1, Extmap.AbsSendTime)]));
}
