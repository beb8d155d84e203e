using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RouterForwardingTests
{
    private const uint Ssrc = 0x11111111;
    private const uint RtxSsrc = 0x22222222;

    [Fact]
    public void Each_packet_goes_to_every_consumer_under_its_own_ssrc_payload_type_and_numbering()
    {
        var m = new TestMeeting(3);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, RtxSsrc));
        var consumers = new[] { m.Consume(producer, 0), m.Consume(producer, 1), null! };
        var parameters = m.Router.CreateConsumerParameters(producer, "x");
        consumers[2] = m.Router.Consume(m.Subscribers[2], producer, parameters with { Codec = parameters.Codec with { PayloadType = 100 } });

        m.Send(Rtp.Packet(Ssrc, 500, 90000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Send(Rtp.Packet(Ssrc, 501, 90000, Parameters.Vp8Pt, Rtp.Vp8Continuation, marker: true));
        m.Send(Rtp.Packet(Ssrc, 502, 93000, Parameters.Vp8Pt, Rtp.Vp8DeltaStart, marker: true));

        for (var i = 0; i < 3; i++)
        {
            var sent = m.Subscribers[i].SentRtp;
            Assert.Equal(3, sent.Count);
            Assert.All(sent, p => Assert.Equal(consumers[i].Ssrc, Rtp.Ssrc(p)));
            Assert.All(sent, p => Assert.Equal(i == 2 ? 100 : Parameters.Vp8Pt, Rtp.Pt(p)));
            Assert.Equal((ushort)(Rtp.Seq(sent[0]) + 1), Rtp.Seq(sent[1]));
            Assert.Equal((ushort)(Rtp.Seq(sent[0]) + 2), Rtp.Seq(sent[2]));
            Assert.Equal(Rtp.Ts(sent[0]), Rtp.Ts(sent[1]));
            Assert.Equal(Rtp.Ts(sent[0]) + 3000, Rtp.Ts(sent[2]));
            Assert.Equal(0x80, sent[1][1] & 0x80); // marker kept
            Assert.Equal(Rtp.Vp8Continuation, sent[1][^Rtp.Vp8Continuation.Length..]);
            Assert.Equal(3, consumers[i].Metrics.Snapshot().PacketsOut);
        }

        Assert.NotEqual(Rtp.Seq(m.Subscribers[0].SentRtp[0]), Rtp.Seq(m.Subscribers[1].SentRtp[0]));
        Assert.Equal(3, producer.Metrics.Snapshot().PacketsIn);
    }

    [Fact]
    public void A_video_consumer_starts_at_a_keyframe()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Consume(producer);
        m.Send(Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        m.Send(Rtp.Packet(Ssrc, 2, 0, Parameters.Vp8Pt, Rtp.Vp8Continuation));
        Assert.Empty(m.Subscribers[0].SentRtp);
        m.Send(Rtp.Packet(Ssrc, 3, 3000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Send(Rtp.Packet(Ssrc, 4, 3000, Parameters.Vp8Pt, Rtp.Vp8Continuation));
        Assert.Equal(2, m.Subscribers[0].SentRtp.Count);
    }

    [Fact]
    public void Audio_is_forwarded_from_the_first_packet()
    {
        var m = new TestMeeting(2);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA));
        var a = m.Consume(producer, 0);
        var b = m.Consume(producer, 1);
        m.Send(Rtp.Packet(0xA, 7, 960, Parameters.OpusPt, [1, 2, 3]));
        Assert.Equal(a.Ssrc, Rtp.Ssrc(Assert.Single(m.Subscribers[0].SentRtp)));
        Assert.Equal(b.Ssrc, Rtp.Ssrc(Assert.Single(m.Subscribers[1].SentRtp)));
        Assert.Empty(m.Publisher.SentRtcp); // no keyframe request for audio
    }

    [Fact]
    public void Sequence_numbers_and_timestamps_stay_continuous_across_a_consumer_pause()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumer = m.Consume(producer);
        m.Send(Rtp.Packet(Ssrc, 100, 1000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        m.Clock.Advance(33);
        m.Send(Rtp.Packet(Ssrc, 101, 3970, Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        var sent = m.Subscribers[0].SentRtp;
        var lastSeq = Rtp.Seq(sent[^1]);
        var lastTs = Rtp.Ts(sent[^1]);

        consumer.Pause();
        for (ushort i = 102; i < 150; i++)
        {
            m.Clock.Advance(33);
            m.Send(Rtp.Packet(Ssrc, i, 1000u + (i * 2970u), Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        }

        Assert.Equal(2, sent.Count);
        var pliBefore = producer.Metrics.Snapshot().KeyframeRequests;
        consumer.Resume();
        Assert.True(producer.Metrics.Snapshot().KeyframeRequests > pliBefore);
        m.Clock.Advance(33);
        m.Send(Rtp.Packet(Ssrc, 150, 1000u + (150 * 2970u), Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        Assert.Equal(2, sent.Count); // waits for the keyframe
        m.Clock.Advance(33);
        m.Send(Rtp.Packet(Ssrc, 151, 1000u + (151 * 2970u), Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        Assert.Equal(3, sent.Count);
        Assert.Equal((ushort)(lastSeq + 1), Rtp.Seq(sent[^1]));

        // The timestamp advances by the wall-clock time since the last packet sent: 50 frames of 33 ms.
        Assert.Equal(lastTs + (50u * 33u * 90u), Rtp.Ts(sent[^1]));
        m.Send(Rtp.Packet(Ssrc, 152, 1000u + (152 * 2970u), Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        Assert.Equal((ushort)(lastSeq + 2), Rtp.Seq(sent[^1]));
        Assert.Equal(lastTs + (50u * 33u * 90u) + 2970u, Rtp.Ts(sent[^1]));
    }

    [Fact]
    public void A_paused_producer_forwards_nothing_at_once_and_resumes_at_a_keyframe_with_continuous_numbers()
    {
        var m = new TestMeeting(2);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Consume(producer, 0);
        m.Consume(producer, 1);
        m.Send(Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        producer.Pause();
        Assert.True(producer.Paused);
        m.Send(Rtp.Packet(Ssrc, 2, 3000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        Assert.All(m.Subscribers, s => Assert.Single(s.SentRtp));
        producer.Resume();
        m.Clock.Advance(600);
        m.Send(Rtp.Packet(Ssrc, 3, 6000, Parameters.Vp8Pt, Rtp.Vp8DeltaStart));
        Assert.All(m.Subscribers, s => Assert.Single(s.SentRtp));
        m.Send(Rtp.Packet(Ssrc, 4, 9000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        Assert.All(m.Subscribers, s => Assert.Equal((ushort)(Rtp.Seq(s.SentRtp[0]) + 1), Rtp.Seq(s.SentRtp[1])));
    }

    [Fact]
    public void A_refused_producer_is_never_created_and_its_packets_are_never_forwarded()
    {
        var m = new TestMeeting(1, gate: (participant, source) => source != ProducerSource.Screen);
        var camera = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Consume(camera);
        var refused = Assert.Throws<ProducerRefusedException>(
            () => m.Router.Produce(m.Publisher, ProducerSource.Screen, Parameters.Video(0x5C5C, mid: "2")));
        Assert.Equal("alice", refused.ParticipantId);
        Assert.False(m.Router.TryProduce(m.Publisher, ProducerSource.Screen, Parameters.Video(0x5C5C, mid: "2"), out var none));
        Assert.Null(none);
        Assert.Single(m.Router.GetProducers());

        var dropped = m.Router.PacketsDropped;
        m.Send(Rtp.Packet(0x5C5C, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false, (Parameters.MidId, Rtp.Ascii("2"))));
        m.Send(Rtp.Packet(0x5C5C, 2, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));
        Assert.Empty(m.Subscribers[0].SentRtp);
        Assert.Equal(dropped + 2, m.Router.PacketsDropped);
    }

    [Fact]
    public void Closing_a_consumer_or_producer_stops_forwarding_at_once_and_raises_closed()
    {
        var m = new TestMeeting(2);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var first = m.Consume(producer, 0);
        var second = m.Consume(producer, 1);
        var closed = new List<string>();
        first.Closed += (_, _) => closed.Add("first");
        second.Closed += (_, _) => closed.Add("second");
        producer.Closed += (_, _) => closed.Add("producer");
        m.Send(Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart));

        first.Close();
        Assert.True(first.IsClosed);
        m.Send(Rtp.Packet(Ssrc, 2, 0, Parameters.Vp8Pt, Rtp.Vp8Continuation));
        Assert.Single(m.Subscribers[0].SentRtp);
        Assert.Equal(2, m.Subscribers[1].SentRtp.Count);

        producer.Close();
        m.Send(Rtp.Packet(Ssrc, 3, 0, Parameters.Vp8Pt, Rtp.Vp8Continuation));
        Assert.Equal(2, m.Subscribers[1].SentRtp.Count);
        Assert.Equal(["first", "second", "producer"], closed);
        Assert.Empty(m.Router.GetProducers());
    }

    [Fact]
    public void Removing_a_participant_closes_its_transports_producers_and_consumers()
    {
        var m = new TestMeeting(1);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        var consumer = m.Consume(producer);
        var back = m.Router.Produce(m.Subscribers[0], ProducerSource.Microphone, Parameters.Audio(0xB0B));
        var reverse = m.Router.Consume(m.Publisher, back, m.Router.CreateConsumerParameters(back, "a"));
        var events = new List<string>();
        producer.Closed += (_, _) => events.Add("producer");
        consumer.Closed += (_, _) => events.Add("consumer");
        reverse.Closed += (_, _) => events.Add("reverse");

        m.Router.RemoveParticipant("alice");

        Assert.Equal(1, m.Publisher.ClosedCount);
        Assert.Null(m.Publisher.Sink);
        Assert.True(producer.IsClosed);
        Assert.True(consumer.IsClosed);
        Assert.True(reverse.IsClosed);
        Assert.False(back.IsClosed);
        Assert.Equal(["consumer", "producer", "reverse"], events);
    }

    [Fact]
    public void A_transport_that_closes_by_itself_is_removed_with_its_producers()
    {
        var m = new TestMeeting(1);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Publisher.Close();
        Assert.True(producer.IsClosed);
        Assert.Throws<InvalidOperationException>(() => m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc)));
    }

    [Fact]
    public void Producer_added_is_raised_for_signalling()
    {
        var m = new TestMeeting(0);
        Producer? added = null;
        m.Router.ProducerAdded += (_, p) => added = p;
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(1));
        Assert.Same(producer, added);
        Assert.Equal("alice", producer.ParticipantId);
    }

    [Fact]
    public void Consumer_parameters_carry_fresh_ssrcs_the_producer_codec_and_no_rid_extensions()
    {
        var m = new TestMeeting(0);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        var parameters = m.Router.CreateConsumerParameters(producer, "7");
        Assert.Equal("7", parameters.Mid);
        Assert.Equal(producer.RtpParameters.Codec, parameters.Codec);
        var encoding = Assert.Single(parameters.Encodings);
        Assert.NotNull(encoding.Ssrc);
        Assert.NotNull(encoding.RtxSsrc);
        Assert.NotEqual(encoding.Ssrc, encoding.RtxSsrc);
        Assert.DoesNotContain(parameters.HeaderExtensions, e => e.Uri.Contains("rtp-stream-id", StringComparison.Ordinal));
        Assert.Equal("publisher-cname", parameters.Cname);
    }

    [Fact]
    public void Packets_with_an_unnegotiated_payload_type_are_dropped()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc));
        m.Consume(producer);
        m.Send(Rtp.Packet(Ssrc, 1, 0, 120, Rtp.Vp8KeyframeStart));
        Assert.Empty(m.Subscribers[0].SentRtp);
        Assert.Equal(1, producer.Metrics.Snapshot().PacketsDropped);
    }

    [Fact]
    public void Producer_parameters_that_do_not_fit_the_source_or_the_rtp_rules_are_refused()
    {
        var m = new TestMeeting(0);
        Assert.Throws<ArgumentException>(() => m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Video(1)));
        Assert.Throws<ArgumentException>(() => m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Audio(1)));
        Assert.Throws<ArgumentException>(() => m.Router.Produce(m.Publisher, ProducerSource.Camera,
            Parameters.Video(1) with { Codec = Parameters.Vp8() with { PayloadType = 200 } }));
        m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(1));
        Assert.Throws<ArgumentException>(() => m.Router.Produce(m.Publisher, ProducerSource.Screen, Parameters.Video(2)));
        Assert.Throws<ArgumentException>(() => m.Router.Produce(m.Publisher, ProducerSource.Screen, Parameters.Video(1, mid: "5")));
        Assert.Throws<InvalidOperationException>(() => m.Router.Produce(new TestTransport("stranger"), ProducerSource.Camera, Parameters.Video(3)));
    }
}
