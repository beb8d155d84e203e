using AnHop.Media.Rtp;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Tests.Testing;
using Parameters = AnHop.Media.Tests.Sfu.Routing.Parameters;

namespace AnHop.Media.Tests.Sfu.EndToEnd;

/// <summary>
/// The whole SFU with several receive sockets and sendmmsg batches on the receive thread and on a fan-out worker:
/// every subscriber gets every copy, intact and in order. In the probe's collection, so that these busy calls do not
/// run beside the other end-to-end calls and slow them.
/// </summary>
[Collection(ForwardingDelayProbeCollection.Name)]
public class BatchedFanOutTests
{
    [Fact]
    public async Task Copies_shared_with_a_fan_out_worker_and_sent_in_batches_all_arrive_in_order()
    {
        await using var call = await SfuCall.StartAsync(subscribers: 5,
            routerOptions: new RouterOptions { FanOutThreshold = 2, FanOutWorkers = 1 });
        for (var frame = 0; frame < 10; frame++)
        {
            call.SendVideoFrame(packets: 4, keyframe: frame == 0);
            call.SendAudio(2);
        }

        await call.AllArrived("40 video and 20 audio packets at all five subscribers");
        Assert.True(call.Router.FanOutRunningWorkers >= 1);
        foreach (var subscriber in call.Subscribers)
        {
            Assert.Equal(call.SentVideo, subscriber.Received(subscriber.Video).Select(p => p[12..]).ToList());
            Assert.Equal(call.SentAudio, subscriber.Received(subscriber.Audio).Select(p => p[12..]).ToList());
            Assert.Equal(0, subscriber.Participant.Transport.Counters.Drops(TransportDropReason.SendFailure));
        }

        if (LinuxDatagramSender.IsBatchSupported)
        {
            Assert.Equal(Environment.ProcessorCount, call.Server.ReceiveThreadCount);
            Assert.True(call.Server.SendBatches.Sum(batch => batch!.Datagrams) > 0);
        }
    }

    [Fact]
    public async Task Receiving_routing_and_sending_a_packet_through_the_send_batch_allocates_nothing()
    {
        if (!LinuxDatagramSender.IsBatchSupported)
        {
            return;
        }

        await using var call = await SfuCall.StartAsync(subscribers: 3);
        var keys = call.Publisher.Transport.DtlsResult!.Keys;
        using var publisherSide = new SrtpContext(keys.Profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        var from = call.Publisher.Peer.LocalEndPoint.Serialize();
        var payload = new byte[100];
        var buffer = new byte[1500];
        ushort sequence = 100;
        uint timestamp = 1000;
        var batch = call.Server.CreateSendBatch();
        UdpSendBatch.Current = batch;
        try
        {
            // As a receive thread does it: one audio packet in, unprotected, routed to three consumers, their
            // copies queued plain, then protected and sent with one sendmmsg. The router's ticking timer runs
            // meanwhile; the first time it contends for the router lock, the lock creates its wait event once
            // (a few dozen bytes, not per packet), hence a bound far below one byte a packet instead of zero.
            var allocated = Allocations.Measure(() =>
            {
                RtpPacketWriter.TryWrite(buffer, new RtpHeaderFields(false, Parameters.OpusPt, ++sequence, timestamp += 960, SfuCall.AudioSsrc),
                    [], [], payload, 0, out var length);
                publisherSide.ProtectRtp(buffer, length, out var wire);
                call.Server.ProcessDatagram(buffer.AsSpan(0, wire), from);
                batch.Flush();
            });
            Assert.True(allocated <= 512, $"measured {allocated} bytes over 10,000 packets");
        }
        finally
        {
            UdpSendBatch.Current = null;
        }

        Assert.All(call.Subscribers, subscriber => Assert.Equal(60_000, subscriber.Audio.Metrics.Snapshot().PacketsOut));
        Assert.True(batch.Datagrams >= 3 * 60_000 - call.Subscribers.Sum(s => s.Participant.Transport.Counters.Drops(TransportDropReason.SendFailure)));
    }
}
