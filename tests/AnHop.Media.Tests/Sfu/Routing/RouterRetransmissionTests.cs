using System.Buffers.Binary;
using AnHop.Media.Rtcp;
using AnHop.Media.Rtp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RouterRetransmissionTests
{
    private const uint Ssrc = 0x11111111;
    private const uint RtxSsrc = 0x22222222;

    private static (TestMeeting Meeting, Producer Producer, Consumer Consumer) Forwarding(bool rtx, int packets = 10)
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, rtx ? RtxSsrc : null));
        var consumer = m.Consume(producer);
        for (var i = 0; i < packets; i++)
        {
            m.Send(Rtp.Packet(Ssrc, (ushort)(65530 + i), (uint)(i / 3 * 3000), Parameters.Vp8Pt,
                i == 0 ? Rtp.Vp8KeyframeStart : [(byte)i, 0xEE, 0xDD], i % 3 == 2, (Parameters.MidId, Rtp.Ascii("0"))));
        }

        Assert.Equal(packets, m.Subscribers[0].SentRtp.Count);
        return (m, producer, consumer);
    }

    [Fact]
    public void A_subscriber_nack_is_answered_with_an_rtx_packet_carrying_the_consumers_sequence_number()
    {
        var (m, _, consumer) = Forwarding(rtx: true);
        var subscriber = m.Subscribers[0];
        var original = subscriber.SentRtp[7];
        var lost = Rtp.Seq(original);
        subscriber.Clear();

        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, lost));

        var rtx = Assert.Single(subscriber.SentRtp);
        Assert.Equal(consumer.RtxSsrc, Rtp.Ssrc(rtx));
        Assert.Equal(Parameters.Vp8RtxPt, Rtp.Pt(rtx));
        Assert.Equal(Rtp.Ts(original), Rtp.Ts(rtx));
        Assert.Equal(original[1] & 0x80, rtx[1] & 0x80);
        Assert.True(RtpPacket.TryParse(rtx, out var packet));
        Assert.True(RtxPayload.TryParse(packet.Payload, out var payload));
        Assert.Equal(lost, payload.OriginalSequenceNumber);
        Assert.True(RtpPacket.TryParse(original, out var originalPacket));
        Assert.Equal(originalPacket.Payload.ToArray(), payload.OriginalPayload.ToArray());

        // RTX restores to exactly the packet first sent (RFC 4588 §4).
        var copy = rtx.ToArray();
        Assert.True(RtxPacket.TryUnwrapInPlace(copy, consumer.Ssrc, consumer.PayloadType, out var length));
        Assert.Equal(original, copy[..length]);

        // The RTX stream has its own sequence numbers, one per retransmission.
        m.Clock.Advance(Consumer.ResendGuardMs);
        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, lost, (ushort)(lost + 1)));
        Assert.Equal(3, subscriber.SentRtp.Count);
        Assert.Equal((ushort)(Rtp.Seq(rtx) + 1), Rtp.Seq(subscriber.SentRtp[1]));
        Assert.Equal((ushort)(Rtp.Seq(rtx) + 2), Rtp.Seq(subscriber.SentRtp[2]));
        var metrics = consumer.Metrics.Snapshot();
        Assert.Equal(2, metrics.NacksReceived);
        Assert.Equal(3, metrics.Retransmissions);
    }

    [Fact]
    public void Without_rtx_the_packet_is_resent_as_it_was_first_sent()
    {
        var (m, _, consumer) = Forwarding(rtx: false);
        var subscriber = m.Subscribers[0];
        Assert.Null(consumer.RtxSsrc);
        var original = subscriber.SentRtp[3];
        subscriber.Clear();
        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, Rtp.Seq(original)));
        Assert.Equal(original, Assert.Single(subscriber.SentRtp));
    }

    [Fact]
    public void A_nack_for_an_unknown_or_expired_packet_is_counted_as_a_miss()
    {
        var (m, _, consumer) = Forwarding(rtx: true);
        var subscriber = m.Subscribers[0];
        var seq = Rtp.Seq(subscriber.SentRtp[0]);
        subscriber.Clear();
        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, (ushort)(seq + 1000)));
        m.Clock.Advance(m.Router.Options.RetransmissionMaxAgeMs + 1);
        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, seq));
        Assert.Empty(subscriber.SentRtp);
        Assert.Equal(2, consumer.Metrics.Snapshot().RetransmissionMisses);
    }

    [Fact]
    public void A_packet_is_not_resent_twice_within_the_guard_time()
    {
        var (m, _, consumer) = Forwarding(rtx: true);
        var subscriber = m.Subscribers[0];
        var seq = Rtp.Seq(subscriber.SentRtp[5]);
        subscriber.Clear();
        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, seq));
        subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, seq));
        Assert.Single(subscriber.SentRtp);
    }

    [Fact]
    public void Gaps_in_a_publisher_stream_are_nacked_at_once_retried_on_tick_and_given_up()
    {
        var options = new RouterOptions { Nack = new NackOptions { MaxRetries = 3, RetryIntervalMs = 100 } };
        var m = new TestMeeting(1, options);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, RtxSsrc));
        m.Send(Rtp.Packet(Ssrc, 10, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Send(Rtp.Packet(Ssrc, 13, 0, Parameters.Vp8Pt, Rtp.Vp8Continuation));
        var nacks = Rtcp.Nacks(m.Publisher);
        Assert.Equal([11, 12], Assert.Single(nacks));
        var nack = Rtcp.OfType(m.Publisher.SentRtcp, RtcpPacketType.TransportFeedback)[0];
        Assert.True(GenericNack.TryParse(nack, out var parsed));
        Assert.Equal(Ssrc, parsed.MediaSsrc);

        m.Tick(50);
        Assert.Single(Rtcp.Nacks(m.Publisher));
        m.Tick(50);
        Assert.Equal(2, Rtcp.Nacks(m.Publisher).Count);

        // Packet 11 comes back as RTX: it is no longer asked for.
        var rtx = Rtp.Packet(RtxSsrc, 1, 0, Parameters.Vp8RtxPt, [0, 11, 0xAB]);
        m.Send(rtx);
        m.Tick(100);
        Assert.Equal([12], Rtcp.Nacks(m.Publisher)[^1]);
        m.Tick(100);
        m.Tick(100);
        Assert.Equal(3, Rtcp.Nacks(m.Publisher).Count(n => n.Contains((ushort)12)));
        var snapshot = producer.Metrics.Snapshot();
        Assert.Equal(1, snapshot.RetransmissionsIn);
        Assert.Equal(3, snapshot.NacksSent);
        Assert.Equal(0, producer.Streams[0].Nack!.MissingCount);
        Assert.Equal(1, producer.Streams[0].Nack!.GivenUp);
    }

    [Fact]
    public void A_retransmission_from_the_publisher_fills_the_subscribers_gap_with_the_right_number()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, RtxSsrc));
        m.Consume(producer);
        m.Send(Rtp.Packet(Ssrc, 10, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Send(Rtp.Packet(Ssrc, 12, 0, Parameters.Vp8Pt, Rtp.Vp8Continuation));
        m.Send(Rtp.Packet(RtxSsrc, 1, 0, Parameters.Vp8RtxPt, [0, 11, 0xAB]));
        m.Send(Rtp.Packet(RtxSsrc, 2, 0, Parameters.Vp8RtxPt, [0, 11, 0xAB])); // a duplicate is not forwarded
        var sent = m.Subscribers[0].SentRtp;
        Assert.Equal(3, sent.Count);
        Assert.Equal((ushort)(Rtp.Seq(sent[0]) + 1), Rtp.Seq(sent[2]));
        Assert.Equal(0xAB, sent[2][^1]);
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(sent[0].AsSpan(8)), Rtp.Ssrc(sent[2]));
    }
}
