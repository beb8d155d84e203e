using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;

namespace AnHop.Media.Tests.Sfu.EndToEnd;

/// <summary>
/// The whole SFU with several receive sockets and sendmmsg batches on the receive thread and on a fan-out worker:
/// every subscriber gets every copy, intact and in order.
/// </summary>
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
}
