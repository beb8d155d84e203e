using AnHop.Media.Rtcp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RouterKeyframeTests
{
    private const uint Ssrc = 0x11111111;

    [Fact]
    public void A_new_consumer_asks_the_publisher_for_a_keyframe_with_a_pli()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumer = m.Consume(producer);
        var pli = Assert.Single(Rtcp.Plis(m.Publisher));
        Assert.True(PictureLossIndication.TryParse(pli, out var parsed));
        Assert.Equal(Ssrc, parsed.MediaSsrc);
        Assert.NotEqual(0u, parsed.SenderSsrc);
        Assert.Equal(1, producer.Metrics.Snapshot().PlisSent);
        Assert.Equal(1, consumer.Metrics.Snapshot().KeyframeRequests);
    }

    [Fact]
    public void Keyframe_requests_are_throttled_per_producer_and_the_held_back_one_goes_on_tick()
    {
        var m = new TestMeeting(3);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumer = m.Consume(producer, 0);
        m.Consume(producer, 1);
        m.Subscribers[0].ReceiveRtcp(Rtcp.Pli(consumer.Ssrc));
        m.Subscribers[0].ReceiveRtcp(Rtcp.Pli(consumer.Ssrc));
        Assert.Single(Rtcp.Plis(m.Publisher));
        m.Tick(100);
        Assert.Single(Rtcp.Plis(m.Publisher));
        m.Tick(400);
        Assert.Equal(2, Rtcp.Plis(m.Publisher).Count);
        m.Tick(500);
        Assert.Equal(2, Rtcp.Plis(m.Publisher).Count); // nothing more was asked
        var snapshot = producer.Metrics.Snapshot();
        Assert.Equal(4, snapshot.KeyframeRequests);
        Assert.Equal(3, snapshot.KeyframeRequestsThrottled);
        Assert.Equal(2, consumer.Metrics.Snapshot().PlisReceived);
    }

    [Fact]
    public void A_publisher_that_negotiated_only_ccm_fir_gets_firs_with_growing_sequence_numbers()
    {
        var m = new TestMeeting(2);
        var codec = Parameters.Vp8(["nack", "ccm fir"], rtx: false);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, codec: codec));
        m.Consume(producer, 0);
        m.Tick(600);
        var second = m.Consume(producer, 1);
        m.Tick(600);
        m.Subscribers[1].ReceiveRtcp(Rtcp.Fir(second.Ssrc, 9));
        var firs = Rtcp.Firs(m.Publisher);
        Assert.Empty(Rtcp.Plis(m.Publisher));
        Assert.Equal(3, firs.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(FullIntraRequest.TryParse(firs[i], out var fir));
            var entry = fir.GetEntry(0);
            Assert.Equal(Ssrc, entry.Ssrc);
            Assert.Equal((byte)i, entry.SequenceNumber);
        }

        Assert.Equal(3, producer.Metrics.Snapshot().FirsSent);
        Assert.Equal(1, second.Metrics.Snapshot().FirsReceived);
    }

    [Fact]
    public void A_keyframe_request_before_the_ssrc_is_known_waits_for_it()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        m.Consume(producer);
        Assert.Empty(Rtcp.Plis(m.Publisher));
        m.Send(Rtp.Packet(0xA1, 1, 0, Parameters.Vp8Pt, Rtp.Vp8DeltaStart, false,
            (Parameters.MidId, Rtp.Ascii("0")), (Parameters.RidId, Rtp.Ascii("q"))));
        m.Tick(10);
        Assert.True(PictureLossIndication.TryParse(Assert.Single(Rtcp.Plis(m.Publisher)), out var pli));
        Assert.Equal(0xA1u, pli.MediaSsrc);
    }

    [Fact]
    public void A_huge_gap_in_the_publisher_stream_asks_for_a_keyframe_instead_of_nacks()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Send(Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Send(Rtp.Packet(Ssrc, 2000, 0, Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        Assert.Empty(Rtcp.Nacks(m.Publisher));
        Assert.Single(Rtcp.Plis(m.Publisher));
        Assert.Equal(0, producer.Streams[0].Nack!.MissingCount);
    }
}
