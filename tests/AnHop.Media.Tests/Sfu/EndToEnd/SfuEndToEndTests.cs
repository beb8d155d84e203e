using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Rtcp;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Stun;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;
using Parameters = AnHop.Media.Tests.Sfu.Routing.Parameters;
using RoutingRtcp = AnHop.Media.Tests.Sfu.Routing.Rtcp;

namespace AnHop.Media.Tests.Sfu.EndToEnd;

/// <summary>
/// The SFU end to end, browsers replaced by synthetic peers: a MediaServer and a Router in-process, a publisher
/// sending VP8-like video and Opus-like audio over ICE + DTLS + SRTP on 127.0.0.1, subscribers receiving copies.
/// </summary>
[Collection(ForwardingDelayProbeCollection.Name)]
public class SfuEndToEndTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Subscribers_get_rewritten_continuous_intact_copies_and_nack_and_pli_reach_their_targets(bool tcp)
    {
        await using var call = await SfuCall.StartAsync(subscribers: 2, tcp);
        var probe = ForwardingDelayProbe.Enable();
        try
        {
            for (var frame = 0; frame < 10; frame++)
            {
                call.SendVideoFrame(packets: 3, keyframe: frame == 0);
                call.SendAudio(2);
            }

            await call.AllArrived("30 video and 20 audio packets at both subscribers");
            foreach (var subscriber in call.Subscribers)
            {
                AssertCopies(subscriber.Received(subscriber.Video), call.SentVideo, Parameters.Vp8Pt);
                AssertCopies(subscriber.Received(subscriber.Audio), call.SentAudio, Parameters.OpusPt);
                Assert.Empty(subscriber.ReceivedWithSsrc(SfuCall.VideoSsrc));
                Assert.Empty(subscriber.ReceivedWithSsrc(SfuCall.AudioSsrc));
            }

            Assert.NotEqual(call.Subscribers[0].Video.Ssrc, call.Subscribers[1].Video.Ssrc);
            Assert.True(probe.Count >= 100, $"the probe saw {probe.Count} forwarded copies");
        }
        finally
        {
            ForwardingDelayProbe.Disable();
        }

        // A NACK for the third video packet, in the subscriber's numbering, brings it again as RTX (RFC 4588).
        var first = call.Subscribers[0];
        var nacked = first.Received(first.Video)[2];
        var nackedSeq = BinaryPrimitives.ReadUInt16BigEndian(nacked.AsSpan(2));
        SfuCall.SendRtcp(first.Peer, RoutingRtcp.Nack(first.Video.Ssrc, nackedSeq));
        var rtxSsrc = first.Video.RtxSsrc!.Value;
        await Eventually(() => first.ReceivedWithSsrc(rtxSsrc).Count == 1, "the RTX retransmission");
        var rtx = first.ReceivedWithSsrc(rtxSsrc)[0];
        Assert.Equal(Parameters.Vp8RtxPt, rtx[1] & 0x7F);
        Assert.Equal(nackedSeq, BinaryPrimitives.ReadUInt16BigEndian(rtx.AsSpan(12)));
        Assert.Equal(call.SentVideo[2], rtx[14..]);
        Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(nacked.AsSpan(4)), BinaryPrimitives.ReadUInt32BigEndian(rtx.AsSpan(4)));
        // The SFU thread counts the retransmission after its send returned, which can be after the peer got it.
        await Eventually(() => first.Video.Metrics.Snapshot().Retransmissions == 1, "the retransmission counted");

        // The start-up keyframe requests are sent (and throttled) by now; a subscriber's PLI reaches the publisher.
        await Task.Delay(600);
        var plisBefore = PlisFor(call, SfuCall.VideoSsrc);
        var second = call.Subscribers[1];
        SfuCall.SendRtcp(second.Peer, RoutingRtcp.Pli(second.Video.Ssrc));
        await Eventually(() => PlisFor(call, SfuCall.VideoSsrc) > plisBefore, "a PLI at the publisher");
        Assert.Equal(1, second.Video.Metrics.Snapshot().PlisReceived);
        Assert.Equal(0, PlisFor(call, SfuCall.AudioSsrc));
    }

    [Fact]
    public async Task Hostile_and_malformed_packets_during_the_call_are_dropped_and_counted_and_the_flow_goes_on()
    {
        await using var call = await SfuCall.StartAsync(subscribers: 2);
        call.SendVideoFrame(packets: 3, keyframe: true);
        call.SendAudio(2);
        await call.AllArrived("the first frame");
        var dropsBefore = call.Server.GetTotals().TotalDrops;
        var receivedBefore = call.Subscribers.Select(s => s.ReceivedCount).ToArray();

        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = call.Server.UdpEndPoint;
        var random = new Random(11);
        var publisher = call.Publisher;
        var expectedDrops = 0;
        for (var frame = 0; frame < 20; frame++)
        {
            call.SendVideoFrame(packets: 3, keyframe: false);
            call.SendAudio(2);

            // Random bytes (every first-byte range) from an unbound socket.
            var junk = new byte[random.Next(1, 1200)];
            random.NextBytes(junk);
            attacker.SendTo(junk, target);

            // A check for the publisher's transport signed with the wrong password.
            attacker.SendTo(BadCheck(publisher.Transport.LocalUfrag, publisher.Peer.LocalUfrag), target);

            // DTLS garbage and RTP from the unbound socket.
            var dtls = new byte[200];
            random.NextBytes(dtls);
            dtls[0] = 22;
            attacker.SendTo(dtls, target);
            var stray = MakeRtp(SfuCall.VideoSsrc, (ushort)frame, 300, out var strayLength);
            attacker.SendTo(stray.AsSpan(0, strayLength + 16), SocketFlags.None, target);

            // From the publisher's own bound address: SRTP with a forged tag, and truncated RTCP.
            var forged = MakeRtp(SfuCall.VideoSsrc, (ushort)(60000 + frame), 300, out var forgedLength);
            random.NextBytes(forged.AsSpan(forgedLength, 16));
            publisher.Peer.SendRaw(forged.AsSpan(0, forgedLength + 16));
            publisher.Peer.SendRaw([0x80, 201, 0x00, 0x07, 0x12, 0x34]);
            expectedDrops += 6;
        }

        await call.AllArrived("every packet of the call sent among the hostile ones");
        await Eventually(() => call.Server.GetTotals().TotalDrops - dropsBefore >= expectedDrops,
            $"{expectedDrops} hostile datagrams counted as drops");

        var publisherDrops = publisher.Transport.Counters;
        Assert.True(publisherDrops.Drops(TransportDropReason.IceRejected) >= 20);
        Assert.True(publisherDrops.Drops(TransportDropReason.SrtpAuthFailure) >= 20);
        Assert.True(call.Server.Unattributed.TotalDrops >= 60);
        Assert.True(publisher.Transport.IsConnected);
        for (var i = 0; i < call.Subscribers.Count; i++)
        {
            var subscriber = call.Subscribers[i];
            Assert.Equal(receivedBefore[i] + 100, subscriber.ReceivedCount);
            AssertCopies(subscriber.Received(subscriber.Video), call.SentVideo, Parameters.Vp8Pt);
            AssertCopies(subscriber.Received(subscriber.Audio), call.SentAudio, Parameters.OpusPt);
        }

        Assert.Equal(0, call.Server.ReceiveErrors);
    }

    [Fact]
    public async Task A_refused_publisher_gets_nothing_forwarded_and_closing_a_producer_stops_forwarding_at_once()
    {
        await using var call = await SfuCall.StartAsync(subscribers: 2);
        call.SendVideoFrame(packets: 3, keyframe: true);
        call.SendAudio(2);
        await call.AllArrived("the first frame");

        // The gate refuses the intruder's camera; its packets, even with the publisher's SSRC, match nothing.
        var intruder = await call.JoinAsync(SfuCall.RefusedParticipant);
        Assert.False(call.Router.TryProduce(intruder.Transport, AnHop.Media.Sfu.ProducerSource.Camera,
            Parameters.Video(0x5000_0000, mid: "0"), out _));
        Assert.Throws<ProducerRefusedException>(() => call.Router.Produce(intruder.Transport,
            AnHop.Media.Sfu.ProducerSource.Microphone, Parameters.Audio(0x5000_0001, mid: "1")));
        var droppedBefore = call.Router.PacketsDropped;
        var receivedBefore = call.Subscribers.Select(s => s.ReceivedCount).ToArray();
        var sentVideo = call.SentVideo.Count;
        call.SendVideoFrame(packets: 3, keyframe: true, from: intruder.Peer, ssrc: 0x5000_0000);
        call.SendVideoFrame(packets: 3, keyframe: true, from: intruder.Peer, ssrc: SfuCall.VideoSsrc);
        Assert.Equal(sentVideo, call.SentVideo.Count);
        await Eventually(() => call.Router.PacketsDropped - droppedBefore >= 6, "the intruder's packets dropped by the router");
        call.SendAudio(1);
        await call.AllArrived("the publisher's audio after the intruder's video");
        for (var i = 0; i < call.Subscribers.Count; i++)
        {
            Assert.Equal(receivedBefore[i] + 1, call.Subscribers[i].ReceivedCount);
        }

        // Closing the camera producer: when Close returns nothing more of it is forwarded; the audio goes on.
        call.Video.Close();
        Assert.True(call.Video.IsClosed);
        var videoBefore = call.Subscribers.Select(s => s.Received(s.Video).Count).ToArray();
        call.SendVideoFrame(packets: 3, keyframe: true);
        call.SendVideoFrame(packets: 3, keyframe: false);
        call.SendAudio(3);
        await Eventually(() => call.Subscribers.All(s => s.Received(s.Audio).Count == call.SentAudio.Count), "the audio after the close");
        for (var i = 0; i < call.Subscribers.Count; i++)
        {
            Assert.Equal(videoBefore[i], call.Subscribers[i].Received(call.Subscribers[i].Video).Count);
            Assert.True(call.Subscribers[i].Video.IsClosed);
        }
    }

    /// <summary>Every sent payload arrives once, in order, under the consumer's SSRC with consecutive sequence numbers.</summary>
    private static void AssertCopies(List<byte[]> received, List<byte[]> sent, byte payloadType)
    {
        Assert.Equal(sent.Count, received.Count);
        for (var i = 0; i < received.Count; i++)
        {
            Assert.Equal(payloadType, received[i][1] & 0x7F);
            Assert.Equal(sent[i], received[i][12..]);
            if (i > 0)
            {
                var previous = BinaryPrimitives.ReadUInt16BigEndian(received[i - 1].AsSpan(2));
                Assert.Equal((ushort)(previous + 1), BinaryPrimitives.ReadUInt16BigEndian(received[i].AsSpan(2)));
            }
        }
    }

    private static int PlisFor(SfuCall call, uint mediaSsrc) =>
        RoutingRtcp.OfType(call.Publisher.Recorder.Rtcp.ToArray(), RtcpPacketType.PayloadFeedback, (byte)PayloadFeedbackFormat.PictureLossIndication)
            .Count(data => PictureLossIndication.TryParse(data, out var pli) && pli.MediaSsrc == mediaSsrc);

    private static byte[] BadCheck(string localUfrag, string remoteUfrag)
    {
        using var key = StunIntegrityKey.ShortTerm("not-the-password-at-all-123456");
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12])
            && writer.TryAddUsername(System.Text.Encoding.ASCII.GetBytes($"{localUfrag}:{remoteUfrag}"))
            && writer.TryAddPriority(1)
            && writer.TryAddIceControlling(1)
            && writer.TryAddUseCandidate()
            && writer.TryAddMessageIntegrity(key)
            && writer.TryAddFingerprint());
        return writer.Written.ToArray();
    }
}
