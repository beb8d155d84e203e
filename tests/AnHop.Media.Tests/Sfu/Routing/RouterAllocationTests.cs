using AnHop.Media.Sfu;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RouterAllocationTests
{
    private const uint Ssrc = 0x11111111;

    [Fact]
    public void Receiving_a_packet_and_forwarding_it_to_three_consumers_allocates_nothing()
    {
        var m = new TestMeeting(3);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, 0x22222222));
        var consumers = new[] { m.Consume(producer, 0), m.Consume(producer, 1), m.Consume(producer, 2) };
        m.Send(Rtp.Packet(Ssrc, 0, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false, (Parameters.MidId, Rtp.Ascii("0"))));
        foreach (var subscriber in m.Subscribers)
        {
            subscriber.Recording = false;
        }

        var template = Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, new byte[1100], false, (Parameters.MidId, Rtp.Ascii("0")));
        template[12 + 8] = 0x10; // a VP8 descriptor at the start of the payload
        var packet = new byte[template.Length];
        ushort seq = 1;
        uint ts = 0;
        IMediaTransportSink sink = m.Router;
        Allocations.AssertNone(() =>
        {
            template.CopyTo(packet, 0);
            packet[2] = (byte)(seq >> 8);
            packet[3] = (byte)seq;
            packet[4] = (byte)(ts >> 24);
            packet[5] = (byte)(ts >> 16);
            seq++;
            ts += 3000;
            sink.OnRtp(m.Publisher, packet);
        });

        Assert.All(m.Subscribers, s => Assert.True(s.RtpCount > 60_000, $"{s.RtpCount} {producer.Metrics.Snapshot()} {m.Router.PacketsDropped}"));
        Assert.All(consumers, c => Assert.True(c.Metrics.Snapshot().PacketsOut > 60_000));
    }

    [Fact]
    public void Answering_a_nack_and_receiving_feedback_allocates_nothing()
    {
        var m = new TestMeeting(1);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, 0x22222222));
        var consumer = m.Consume(producer);
        for (ushort i = 0; i < 100; i++)
        {
            m.Send(Rtp.Packet(Ssrc, i, 0, Parameters.Vp8Pt, i == 0 ? Rtp.Vp8KeyframeStart : Rtp.Vp8Continuation));
        }

        var first = Rtp.Seq(m.Subscribers[0].SentRtp[0]);
        m.Subscribers[0].Recording = false;
        m.Publisher.Recording = false;
        var nack = Rtcp.Nack(consumer.Ssrc, (ushort)(first + 10), (ushort)(first + 11), (ushort)(first + 50));
        var pli = Rtcp.Pli(consumer.Ssrc);
        var rr = Rtcp.ReceiverReport(new AnHop.Media.Rtcp.ReportBlock(consumer.Ssrc, 3, 1, 100, 0, 0, 0));
        var remb = Rtcp.Remb(1_000_000, consumer.Ssrc);
        var buffer = new byte[64];
        var subscriber = m.Subscribers[0];
        Allocations.AssertNone(() =>
        {
            m.Clock.Advance(1);
            foreach (var packet in (ReadOnlySpan<byte[]>)[nack, pli, rr, remb])
            {
                packet.CopyTo(buffer, 0);
                m.Router.OnRtcp(subscriber, buffer.AsSpan(0, packet.Length));
            }
        });

        Assert.True(consumer.Metrics.Snapshot().Retransmissions > 0);
    }

    [Fact]
    public void The_periodic_tick_allocates_nothing()
    {
        var m = new TestMeeting(2);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        m.Consume(producer, 0);
        m.Consume(producer, 1);
        m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA));
        m.Send(Rtp.Packet(0xA1, 1, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false, (Parameters.MidId, Rtp.Ascii("0")), (Parameters.RidId, Rtp.Ascii("q"))));
        m.Send(Rtp.Packet(0xA, 1, 0, Parameters.OpusPt, [1]));
        m.Publisher.Recording = false;
        Allocations.AssertNone(() => m.Tick(10), 2_000);
    }
}
