using AnHop.Media.Rtcp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class SimulcastTests
{
    private static readonly uint[] Ssrcs = [0xA1, 0xB2, 0xC3];
    private static readonly string[] Rids = ["q", "h", "f"];

    /// <summary>Packets per 100 ms of 1,000-byte payloads: about 165 kbit/s, 580 kbit/s and 2 Mbit/s.</summary>
    private static readonly int[] PacketsPerSlice = [2, 7, 24];

    private sealed class Publisher(TestMeeting meeting)
    {
        private readonly ushort[] _seq = [100, 2000, 40000];
        private readonly uint[] _ts = [5, 1_000_000, 3_000_000_000];

        /// <summary>Sends 100 ms of all three layers; <paramref name="keyframes"/> says which layers start with a keyframe.</summary>
        public void Slice(params int[] keyframes)
        {
            for (var layer = 0; layer < 3; layer++)
            {
                for (var i = 0; i < PacketsPerSlice[layer]; i++)
                {
                    var payload = new byte[1000];
                    byte[] head = i == 0 ? (keyframes.Contains(layer) ? Rtp.Vp8KeyframeStart : Rtp.Vp8DeltaStart) : [0x00];
                    head.CopyTo(payload, 0);
                    payload[^1] = (byte)layer;
                    meeting.Send(Rtp.Packet(Ssrcs[layer], _seq[layer]++, _ts[layer], Parameters.Vp8Pt, payload, i == PacketsPerSlice[layer] - 1,
                        (Parameters.MidId, Rtp.Ascii("0")), (Parameters.RidId, Rtp.Ascii(Rids[layer]))));
                }

                _ts[layer] += 9000;
            }

            meeting.Tick(100);
        }
    }

    private static int LayerOf(byte[] packet) => packet[^1];

    [Fact]
    public void Layer_ssrcs_are_learnt_from_the_rid_extension()
    {
        var m = new TestMeeting();
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        new Publisher(m).Slice();
        for (var layer = 0; layer < 3; layer++)
        {
            Assert.Equal(Rids[layer], producer.Streams[layer].Rid);
            Assert.Equal(Ssrcs[layer], producer.Streams[layer].Ssrc);
        }

        // RTX SSRCs from repaired-rid.
        m.Send(Rtp.Packet(0xD4, 1, 0, Parameters.Vp8RtxPt, [0, 100, 1], false,
            (Parameters.MidId, Rtp.Ascii("0")), (Parameters.RepairedRidId, Rtp.Ascii("h"))));
        Assert.Equal(0xD4u, producer.Streams[1].RtxSsrc);
    }

    [Fact]
    public void The_highest_layer_that_fits_the_estimate_is_chosen_and_switched_to_only_at_its_keyframe()
    {
        var m = new TestMeeting(1, new RouterOptions { InitialOutgoingBitrate = 1_000_000 });
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        var consumer = m.Consume(producer);
        var publisher = new Publisher(m);
        var sent = m.Subscribers[0].SentRtp;

        // Nothing received yet: start on the lowest layer.
        Assert.Equal(0, consumer.TargetLayer);
        publisher.Slice(0);
        Assert.Equal(0, consumer.CurrentLayer);

        // Before any measurement, h's nominal 625 kbit/s (2.5 Mbit/s / 2²) fits 1 Mbit/s and f's 2.5 Mbit/s does not.
        Assert.Equal(1, consumer.TargetLayer);
        for (var i = 0; i < 9; i++)
        {
            publisher.Slice();
        }

        // After a bitrate window: h (~580 kbit/s) fits 1 Mbit/s, f (~2 Mbit/s) does not.
        Assert.Equal(1, consumer.TargetLayer);
        Assert.Equal(0, consumer.CurrentLayer);
        Assert.Contains(Rtcp.Plis(m.Publisher), p => PictureLossIndication.TryParse(p, out var pli) && pli.MediaSsrc == Ssrcs[1]);
        publisher.Slice();
        Assert.All(sent, p => Assert.Equal(0, LayerOf(p)));

        var before = sent.Count;
        publisher.Slice(1);
        Assert.Equal(1, consumer.CurrentLayer);

        // In that slice q came first (still forwarded), then h from its keyframe on; no q after the switch.
        var expected = Enumerable.Repeat(0, PacketsPerSlice[0]).Concat(Enumerable.Repeat(1, PacketsPerSlice[1]));
        Assert.Equal(expected, sent.Skip(before).Select(LayerOf));
        AssertContinuous(sent);
        Assert.Equal(1, consumer.Metrics.Snapshot().LayerSwitches);

        // More bandwidth: up to f, again at f's keyframe only.
        m.Subscribers[0].ReceiveRtcp(Rtcp.Remb(5_000_000, consumer.Ssrc));
        publisher.Slice();
        Assert.Equal(2, consumer.TargetLayer);
        publisher.Slice(0, 1);
        Assert.Equal(1, consumer.CurrentLayer);
        publisher.Slice(2);
        Assert.Equal(2, consumer.CurrentLayer);
        AssertContinuous(sent);
        Assert.Equal(2, consumer.Metrics.Snapshot().LayerSwitches);
    }

    [Fact]
    public void The_preferred_layer_caps_the_choice_and_a_lower_preference_switches_down_at_a_keyframe()
    {
        var m = new TestMeeting(1, new RouterOptions { InitialOutgoingBitrate = 8_000_000 });
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        var consumer = m.Consume(producer);
        var publisher = new Publisher(m);
        var sent = m.Subscribers[0].SentRtp;
        publisher.Slice(0, 1, 2);
        Assert.Equal(2, consumer.TargetLayer); // all active now, all fit
        publisher.Slice(2);
        Assert.Equal(2, consumer.CurrentLayer);

        consumer.SetPreferredLayer(0);
        Assert.Equal(0, consumer.TargetLayer);
        publisher.Slice(1, 2);
        Assert.Equal(2, consumer.CurrentLayer);
        var before = sent.Count;
        publisher.Slice(0);
        Assert.Equal(0, consumer.CurrentLayer);
        Assert.Equal(Enumerable.Repeat(0, PacketsPerSlice[0]), sent.Skip(before).Select(LayerOf));
        AssertContinuous(sent);
    }

    [Fact]
    public void A_layer_that_stops_is_left_for_an_active_one()
    {
        var m = new TestMeeting(1, new RouterOptions { InitialOutgoingBitrate = 8_000_000, LayerInactivityMs = 300 });
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Simulcast());
        var consumer = m.Consume(producer);
        var publisher = new Publisher(m);
        publisher.Slice(0, 1, 2);
        publisher.Slice(2);
        Assert.Equal(2, consumer.CurrentLayer);

        // The publisher drops f (e.g. its own bandwidth fell); only q and h keep coming.
        for (var i = 0; i < 5; i++)
        {
            m.Send(Rtp.Packet(Ssrcs[1], (ushort)(5000 + i), 0, Parameters.Vp8Pt, i == 4 ? Rtp.Vp8KeyframeStart : Rtp.Vp8DeltaStart, false,
                (Parameters.MidId, Rtp.Ascii("0")), (Parameters.RidId, Rtp.Ascii("h"))));
            m.Tick(100);
        }

        Assert.Equal(1, consumer.TargetLayer);
        Assert.Equal(1, consumer.CurrentLayer);
    }

    private static void AssertContinuous(List<byte[]> sent)
    {
        for (var i = 1; i < sent.Count; i++)
        {
            Assert.Equal((ushort)(Rtp.Seq(sent[i - 1]) + 1), Rtp.Seq(sent[i]));
            var step = Rtp.Ts(sent[i]) - Rtp.Ts(sent[i - 1]);
            Assert.True(step < 90_000, $"timestamp jumped by {step} at packet {i}");
        }
    }
}
