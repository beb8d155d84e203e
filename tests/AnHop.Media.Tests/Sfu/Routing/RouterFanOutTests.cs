using AnHop.Media.Rtp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>Big meetings: the copies of one packet spread over worker threads keep every routing guarantee.</summary>
public class RouterFanOutTests
{
    private const uint Ssrc = 0x11111111;
    private const uint RtxSsrc = 0x22222222;

    private static readonly RouterOptions FanOut = new() { FanOutWorkers = 2, FanOutThreshold = 32 };

    private static (TestMeeting Meeting, Producer Producer, Consumer[] Consumers) Meeting(int subscribers, RouterOptions? options = null)
    {
        var m = new TestMeeting(subscribers, options ?? FanOut);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(Ssrc, RtxSsrc));
        var consumers = new Consumer[subscribers];
        for (var i = 0; i < subscribers; i++)
        {
            consumers[i] = m.Consume(producer, i);
        }

        return (m, producer, consumers);
    }

    private static byte[] Packet(int i) =>
        Rtp.Packet(Ssrc, (ushort)(65000 + i), (uint)(i / 3 * 3000), Parameters.Vp8Pt,
            i == 0 ? Rtp.Vp8KeyframeStart : [0x00, (byte)i, (byte)(i >> 8)], i % 3 == 2, (Parameters.MidId, Rtp.Ascii("0")));

    [Fact]
    public void Every_consumer_gets_every_packet_in_order_with_continuous_sequence_numbers()
    {
        const int packets = 3000;
        var (m, _, consumers) = Meeting(100);
        for (var i = 0; i < packets; i++)
        {
            m.Send(Packet(i));
        }

        Assert.Equal(2, m.Router.FanOutRunningWorkers);
        for (var s = 0; s < consumers.Length; s++)
        {
            var sent = m.Subscribers[s].SentRtp;
            Assert.Equal(packets, sent.Count);
            for (var i = 0; i < packets; i++)
            {
                Assert.Equal(consumers[s].Ssrc, Rtp.Ssrc(sent[i]));
                Assert.Equal((ushort)(Rtp.Seq(sent[0]) + i), Rtp.Seq(sent[i]));
                Assert.True(RtpPacket.TryParse(sent[i], out var packet));
                Assert.True(RtpPacket.TryParse(Packet(i), out var original));
                Assert.Equal(original.Payload.ToArray(), packet.Payload.ToArray());
            }
        }

        Assert.Equal(packets, consumers[99].Metrics.Snapshot().PacketsOut);
    }

    [Fact]
    public void A_small_meeting_forwards_on_the_receiving_thread_alone()
    {
        var (m, _, _) = Meeting(31);
        for (var i = 0; i < 10; i++)
        {
            m.Send(Packet(i));
        }

        Assert.Equal(0, m.Router.FanOutRunningWorkers);
        Assert.All(m.Subscribers, s => Assert.Equal(10, s.SentRtp.Count));
    }

    [Fact]
    public void Closing_or_pausing_a_consumer_stops_its_forwarding_at_once_while_packets_fan_out()
    {
        var (m, _, consumers) = Meeting(64);
        foreach (var subscriber in m.Subscribers)
        {
            subscriber.Recording = false;
        }

        long sentPackets = 0;
        using var stop = new CancellationTokenSource();
        Exception? failure = null;
        var sender = new Thread(() =>
        {
            try
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    m.Send(Packet(i == 0 ? 0 : 1 + (i % 60000)));
                    Interlocked.Increment(ref sentPackets);
                }
            }
            catch (Exception exception)
            {
                failure = exception;
            }
        });
        sender.Start();

        void WaitForMorePackets(long count)
        {
            var target = Interlocked.Read(ref sentPackets) + count;
            while (Interlocked.Read(ref sentPackets) < target && sender.IsAlive)
            {
                Thread.Yield();
            }
        }

        WaitForMorePackets(200);
        for (var k = 0; k < 8; k++)
        {
            var closed = consumers[k * 7];
            var paused = consumers[(k * 7) + 1];
            closed.Close();
            var closedCount = m.Subscribers[k * 7].RtpCount;
            paused.Pause();
            var pausedCount = m.Subscribers[(k * 7) + 1].RtpCount;
            WaitForMorePackets(50);
            Assert.Equal(closedCount, m.Subscribers[k * 7].RtpCount);
            Assert.Equal(pausedCount, m.Subscribers[(k * 7) + 1].RtpCount);
        }

        stop.Cancel();
        sender.Join();
        Assert.Null(failure);
        Assert.True(m.Subscribers[63].RtpCount > 500, $"{m.Subscribers[63].RtpCount}");
    }

    [Fact]
    public void A_nack_is_answered_from_the_same_numbering_the_workers_forwarded_with()
    {
        var (m, _, consumers) = Meeting(40);
        for (var i = 0; i < 100; i++)
        {
            m.Send(Packet(i));
        }

        var last = Rtp.Seq(m.Subscribers[39].SentRtp[^1]);
        foreach (var s in new[] { 0, 1, 2, 39 })
        {
            var subscriber = m.Subscribers[s];
            var consumer = consumers[s];
            var original = subscriber.SentRtp[57];
            subscriber.Clear();
            subscriber.ReceiveRtcp(Rtcp.Nack(consumer.Ssrc, Rtp.Seq(original)));
            var rtx = Assert.Single(subscriber.SentRtp);
            Assert.Equal(consumer.RtxSsrc, Rtp.Ssrc(rtx));
            var copy = rtx.ToArray();
            Assert.True(RtxPacket.TryUnwrapInPlace(copy, consumer.Ssrc, consumer.PayloadType, out var length));
            Assert.Equal(original, copy[..length]);
        }

        // Forwarding goes on after the retransmissions with the same numbering.
        m.Send(Packet(100));
        Assert.Equal((ushort)(last + 1), Rtp.Seq(m.Subscribers[39].SentRtp[^1]));
    }

    [Fact]
    public void An_exception_of_a_transport_on_a_worker_reaches_the_receiving_caller_after_all_workers_finished()
    {
        var (m, producer, _) = Meeting(40);
        m.Send(Packet(0));
        m.Send(Packet(1));
        var throwing = new ThrowingTransport();
        m.Router.AddTransport(throwing, "thrower"); // transport 41: slot 2 of 3, a worker's
        m.Router.Consume(throwing, producer, m.Router.CreateConsumerParameters(producer, "vt"));
        m.Send(Packet(2));
        var keyframe = Rtp.Packet(Ssrc, 65003, 3000, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart, false, (Parameters.MidId, Rtp.Ascii("0")));
        var error = Assert.Throws<InvalidOperationException>(() => m.Send(keyframe));
        Assert.Equal("send failed", error.Message);
        Assert.All(m.Subscribers, s => Assert.Equal(4, s.SentRtp.Count));
    }

    [Fact]
    public void Forwarding_to_a_hundred_consumers_over_two_workers_allocates_nothing_on_any_thread()
    {
        var (m, producer, consumers) = Meeting(100);
        m.Send(Packet(0));
        foreach (var subscriber in m.Subscribers)
        {
            subscriber.Recording = false;
        }

        var template = Rtp.Packet(Ssrc, 1, 0, Parameters.Vp8Pt, new byte[1100], false, (Parameters.MidId, Rtp.Ascii("0")));
        var packet = new byte[template.Length];
        ushort seq = 1;
        uint ts = 0;
        IMediaTransportSink sink = m.Router;
        void SendOne()
        {
            template.CopyTo(packet, 0);
            packet[2] = (byte)(seq >> 8);
            packet[3] = (byte)seq;
            packet[4] = (byte)(ts >> 24);
            packet[5] = (byte)(ts >> 16);
            seq++;
            ts += 3000;
            sink.OnRtp(m.Publisher, packet);
        }

        for (var i = 0; i < 100; i++)
        {
            SendOne();
        }

        var workerBytes = m.Router.FanOutWorkerAllocatedBytes;
        Allocations.AssertNone(SendOne);
        Assert.Equal(workerBytes, m.Router.FanOutWorkerAllocatedBytes);
        Assert.Equal(2, m.Router.FanOutRunningWorkers);
        var sent = consumers[99].Metrics.Snapshot().PacketsOut;
        Assert.True(sent > 1000, $"{sent} {producer.Metrics.Snapshot()}");
        Assert.All(m.Subscribers, s => Assert.Equal(sent, s.RtpCount));
    }

    private sealed class ThrowingTransport : IMediaTransport
    {
        public string Id => "thrower";

        public bool IsConnected => true;

        public IMediaTransportSink? Sink { get; set; }

        public event EventHandler? Closed
        {
            add { }
            remove { }
        }

        public bool SendRtp(Span<byte> buffer, int length) => throw new InvalidOperationException("send failed");

        public bool SendRtcp(Span<byte> buffer, int length) => true;

        public void Close()
        {
        }
    }
}
