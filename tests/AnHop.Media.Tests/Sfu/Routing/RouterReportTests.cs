using AnHop.Media.Rtcp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RouterReportTests
{
    private const uint Ssrc = 0x11111111;
    private const ulong Ntp = 0xEB1F5C4A_8F5C28F6;
    private const uint CompactNtp = unchecked((uint)(Ntp >> 16));

    [Fact]
    public void A_publisher_sender_report_reaches_each_subscriber_in_its_consumers_terms()
    {
        var m = new TestMeeting(2);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumers = new[] { m.Consume(producer, 0), m.Consume(producer, 1) };
        m.Send(Rtp.Packet(Ssrc, 1, 500_000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Send(Rtp.Packet(Ssrc, 2, 503_000, Parameters.Vp8Pt, [0x10, 0x01, 1, 2, 3, 4]));
        m.Publisher.ReceiveRtcp(Rtcp.SenderReport(Ssrc, Ntp, 510_000, packets: 77, octets: 7777));

        for (var i = 0; i < 2; i++)
        {
            var subscriber = m.Subscribers[i];
            var firstTs = Rtp.Ts(subscriber.SentRtp[0]);
            var packets = Rtcp.Packets(subscriber.SentRtcp);
            Assert.Equal(RtcpPacketType.SenderReport, packets[0].Type);
            Assert.Equal(RtcpPacketType.SourceDescription, packets[1].Type);
            Assert.True(SenderReport.TryParse(packets[0].Data, out var sr));
            Assert.Equal(consumers[i].Ssrc, sr.Ssrc);
            Assert.Equal(Ntp, sr.NtpTimestamp);
            Assert.Equal(firstTs + 10_000, sr.RtpTimestamp);
            Assert.Equal(2u, sr.PacketCount);
            Assert.Equal((uint)(Rtp.Vp8KeyframeStart.Length + 6), sr.OctetCount);
            Assert.Equal(0, sr.ReportCount);
        }
    }

    [Fact]
    public void A_sender_report_is_not_forwarded_before_the_consumer_sends_anything()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Consume(producer);
        m.Publisher.ReceiveRtcp(Rtcp.SenderReport(Ssrc, Ntp, 1));
        Assert.Empty(m.Subscribers[0].SentRtcp);
    }

    [Fact]
    public void Receiver_reports_and_remb_go_to_the_publisher_each_interval()
    {
        var m = new TestMeeting(0, new RouterOptions { MaxIncomingBitrate = 2_500_000 });
        m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA0));
        for (ushort seq = 1; seq <= 20; seq++)
        {
            if (seq != 5)
            {
                m.Send(Rtp.Packet(Ssrc, seq, seq * 3000u, Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
            }
        }

        m.Send(Rtp.Packet(0xA0, 100, 960, Parameters.OpusPt, [1]));
        m.Publisher.ReceiveRtcp(Rtcp.SenderReport(Ssrc, Ntp, 60_000));
        m.Publisher.Clear();
        m.Tick(500);

        // The RR and REMB travel in one compound (the NACK retry for 5 goes on its own).
        var compound = Assert.Single(m.Publisher.SentRtcp, c => Rtcp.Packets([c])[0].Type == RtcpPacketType.ReceiverReport);
        var packets = Rtcp.Packets([compound]);
        Assert.True(ReceiverReport.TryParse(packets[0].Data, out var rr));
        Assert.Equal(2, rr.ReportCount);
        var video = rr.GetReportBlock(0);
        Assert.Equal(Ssrc, video.Ssrc);
        Assert.Equal(1, video.CumulativeLost);
        Assert.Equal(20u, video.ExtendedHighestSequence);
        Assert.Equal(256 / 20, video.FractionLost);
        Assert.Equal(CompactNtp, video.LastSenderReport);
        Assert.Equal(65536u / 2, video.DelaySinceLastSenderReport);
        var audio = rr.GetReportBlock(1);
        Assert.Equal(0xA0u, audio.Ssrc);
        Assert.Equal(0u, audio.LastSenderReport);
        Assert.Equal(100u, audio.ExtendedHighestSequence);

        Assert.Equal(RtcpPacketType.PayloadFeedback, packets[1].Type);
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(packets[1].Data, out var remb));
        Assert.Equal(1, remb.SsrcCount);
        Assert.Equal(Ssrc, remb.GetSsrc(0));
        Assert.InRange(remb.Bitrate, 2_490_000UL, 2_500_000UL); // unwatched: the configured maximum (REMB rounds down)

        m.Tick(500);
        Assert.Single(Rtcp.OfType(m.Publisher.SentRtcp, RtcpPacketType.ReceiverReport));
        m.Tick(500);
        Assert.Equal(2, Rtcp.OfType(m.Publisher.SentRtcp, RtcpPacketType.ReceiverReport).Count);
        Assert.True(ReceiverReport.TryParse(Rtcp.OfType(m.Publisher.SentRtcp, RtcpPacketType.ReceiverReport)[1], out var second));
        Assert.Equal(0, second.GetReportBlock(0).FractionLost); // nothing new lost in the second interval
    }

    [Fact]
    public void The_remb_to_a_publisher_is_capped_by_what_its_subscribers_can_take()
    {
        var m = new TestMeeting(1, new RouterOptions { MaxIncomingBitrate = 2_500_000, MinIncomingBitrate = 100_000 });
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumer = m.Consume(producer);
        m.Send(Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Subscribers[0].ReceiveRtcp(Rtcp.Remb(600_000, consumer.Ssrc));
        m.Publisher.Clear();
        m.Tick(1000);
        var remb = Rtcp.OfType(m.Publisher.SentRtcp, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.ApplicationLayer);
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(Assert.Single(remb), out var parsed));
        Assert.InRange(parsed.Bitrate, 590_000UL, 600_000UL);
    }

    [Fact]
    public void Round_trip_time_comes_from_the_subscribers_report_on_a_forwarded_sender_report()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumer = m.Consume(producer);
        m.Send(Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Publisher.ReceiveRtcp(Rtcp.SenderReport(Ssrc, Ntp, 0));
        Assert.Null(consumer.Metrics.Snapshot().RoundTripTime);
        m.Clock.Advance(150);
        var block = new ReportBlock(consumer.Ssrc, 0, 0, 1, 0, CompactNtp, 65536 / 10);
        m.Subscribers[0].ReceiveRtcp(Rtcp.ReceiverReport(block));
        var rtt = consumer.Metrics.Snapshot().RoundTripTime;
        Assert.NotNull(rtt);
        Assert.InRange(rtt.Value.TotalMilliseconds, 49.9, 50.1);
    }

    [Fact]
    public void Loss_reported_by_a_subscriber_lowers_its_estimate_and_a_clean_report_raises_it()
    {
        var m = new TestMeeting(1, new RouterOptions { InitialOutgoingBitrate = 1_000_000 });
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        var consumer = m.Consume(producer);
        m.Subscribers[0].ReceiveRtcp(Rtcp.ReceiverReport(new ReportBlock(consumer.Ssrc, 128, 10, 100, 0, 0, 0)));
        var lowered = EstimateOf(m);
        Assert.Equal(750_000UL, lowered);
        m.Subscribers[0].ReceiveRtcp(Rtcp.ReceiverReport(new ReportBlock(consumer.Ssrc, 0, 10, 200, 0, 0, 0)));
        Assert.Equal(787_500UL, EstimateOf(m));

        // A fresh REMB rules over loss.
        m.Subscribers[0].ReceiveRtcp(Rtcp.Remb(2_000_000, consumer.Ssrc));
        m.Subscribers[0].ReceiveRtcp(Rtcp.ReceiverReport(new ReportBlock(consumer.Ssrc, 200, 10, 300, 0, 0, 0)));
        Assert.Equal(2_000_000UL, EstimateOf(m));
    }

    private static ulong EstimateOf(TestMeeting m)
    {
        // The estimate shows in the REMB towards a publisher whose only subscriber is this one.
        m.Publisher.Clear();
        m.Send(Rtp.Packet(0xA1, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false,
            (Parameters.MidId, Rtp.Ascii("0")), (Parameters.RidId, Rtp.Ascii("q"))));
        m.Tick(1000);
        var remb = Rtcp.OfType(m.Publisher.SentRtcp, RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.ApplicationLayer);
        Assert.True(ReceiverEstimatedMaxBitrate.TryParse(remb[^1], out var parsed));
        return parsed.Bitrate;
    }
}
