using AnHop.Media.Rtcp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>Hostile RTP and RTCP through the router's sink: it must never throw, whatever arrives.</summary>
public class RouterFuzzTests
{
    private const uint VideoSsrc = 0x11111111;
    private const uint RtxSsrc = 0x22222222;

    private static (TestMeeting Meeting, Consumer Video, Consumer Simulcast) Call()
    {
        var m = new TestMeeting(2);
        var video = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(VideoSsrc, RtxSsrc));
        var simulcast = m.Router.Produce(m.Publisher, ProducerSource.Screen, Parameters.Simulcast("2"));
        var audio = m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA));
        var videoConsumer = m.Consume(video, 0);
        var simulcastConsumer = m.Consume(simulcast, 1);
        m.Consume(audio, 0);
        m.Router.Consume(m.Publisher, audio, m.Router.CreateConsumerParameters(audio, "9"));
        foreach (var transport in m.Subscribers.Append(m.Publisher))
        {
            transport.Recording = false;
        }

        return (m, videoConsumer, simulcastConsumer);
    }

    private static List<byte[]> RtpSeeds() =>
    [
        Rtp.Packet(VideoSsrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false, (Parameters.MidId, Rtp.Ascii("0"))),
        Rtp.Packet(VideoSsrc, 2, 0, Parameters.Vp8Pt, Rtp.Vp8Continuation),
        Rtp.Packet(RtxSsrc, 1, 0, Parameters.Vp8RtxPt, [0, 1, 0x10, 0x00]),
        Rtp.Packet(0xA1, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false, (Parameters.MidId, Rtp.Ascii("2")), (Parameters.RidId, Rtp.Ascii("q"))),
        Rtp.Packet(0xD1, 1, 0, Parameters.Vp8RtxPt, [0, 1, 0], false, (Parameters.MidId, Rtp.Ascii("2")), (Parameters.RepairedRidId, Rtp.Ascii("f"))),
        Rtp.Packet(0xA, 1, 960, Parameters.OpusPt, [0xFC], false, (Parameters.AudioLevelId, [0x9E])),
        Rtp.Packet(0xA, 2, 1920, Parameters.OpusPt, [], false),
        [0x80, Parameters.Vp8Pt, 0, 9, 0, 0, 0, 0, 0x11, 0x11, 0x11, 0x11, 0x90, 0x00],
    ];

    private static List<byte[]> RtcpSeeds(Consumer video, Consumer simulcast) =>
    [
        Rtcp.Nack(video.Ssrc, 1, 2, 3, 100, 65535),
        Rtcp.Nack(simulcast.Ssrc, 7),
        Rtcp.Pli(video.Ssrc),
        Rtcp.Fir(simulcast.Ssrc, 3),
        Rtcp.Remb(123_456, video.Ssrc),
        Rtcp.ReceiverReport(new ReportBlock(video.Ssrc, 30, 5, 1000, 12, 0x1234, 0x10), new ReportBlock(simulcast.Ssrc, 0, 0, 7, 0, 0, 0)),
        Rtcp.SenderReport(VideoSsrc, 0xEB1F5C4A_8F5C28F6, 1234),
        Rtcp.Build((ref RtcpCompoundWriter w) => w.TryAddReceiverReport(1, []) && w.TryAddCname(1, "x"u8)
            && w.TryAddGenericNack(1, video.Ssrc, [5]) && w.TryAddPictureLossIndication(1, simulcast.Ssrc)),
        Rtcp.Build((ref RtcpCompoundWriter w) => w.TryAddGoodbye([video.Ssrc], "bye"u8)),
    ];

    [Fact]
    public void Hostile_rtp_through_on_rtp_never_throws()
    {
        var (m, _, _) = Call();
        var seeds = RtpSeeds();
        var count = 0;
        var inputs = Fuzzer.Run("routing-rtp", input =>
        {
            m.Router.OnRtp(m.Publisher, input.ToArray());
            if (++count % 512 == 0)
            {
                m.Tick(20);
            }
        }, seeds);

        Assert.Equal(Fuzzer.DefaultIterations, inputs);
        Assert.True(m.Router.PacketsDropped > 0);
        Assert.Equal(3, m.Router.GetProducers().Count);
    }

    [Fact]
    public void Hostile_rtcp_through_on_rtcp_never_throws()
    {
        var (m, video, simulcast) = Call();
        var seeds = RtcpSeeds(video, simulcast);
        foreach (var packet in RtpSeeds())
        {
            m.Router.OnRtp(m.Publisher, packet.ToArray());
        }

        var count = 0;
        var inputs = Fuzzer.Run("routing-rtcp", input =>
        {
            var transport = (input.Length & 1) == 0 ? m.Subscribers[count & 1] : m.Publisher;
            m.Router.OnRtcp(transport, input.ToArray());
            if (++count % 512 == 0)
            {
                m.Tick(20);
            }
        }, seeds);

        Assert.Equal(Fuzzer.DefaultIterations, inputs);
        Assert.True(m.Router.RtcpDropped > 0);
        Assert.False(video.IsClosed);
    }
}
