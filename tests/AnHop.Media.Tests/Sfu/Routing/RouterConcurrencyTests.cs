using AnHop.Media.Sfu;

namespace AnHop.Media.Tests.Sfu.Routing;

public class RouterConcurrencyTests
{
    [Fact]
    public async Task Control_calls_from_another_thread_interleave_safely_with_forwarding_and_close_acts_at_once()
    {
        var m = new TestMeeting(2);
        var producer = m.Router.Produce(m.Publisher, ProducerSource.Camera, Parameters.Video(0x1111));
        var consumer = m.Consume(producer, 0);
        m.Consume(producer, 1);
        foreach (var subscriber in m.Subscribers)
        {
            subscriber.Recording = false;
        }

        using var stop = new CancellationTokenSource();
        var sender = Task.Run(() =>
        {
            var packet = Rtp.Packet(0x1111, 0, 0, Parameters.Vp8Pt, Rtp.Vp8KeyframeStart);
            ushort seq = 0;
            while (!stop.IsCancellationRequested)
            {
                packet[2] = (byte)(seq >> 8);
                packet[3] = (byte)seq++;
                m.Router.OnRtp(m.Publisher, packet.AsSpan().ToArray());
            }
        });

        Assert.True(SpinWait.SpinUntil(() => m.Subscribers[1].RtpCount > 100, TimeSpan.FromSeconds(20)));
        for (var i = 0; i < 200; i++)
        {
            consumer.Pause();
            consumer.SetPreferredLayer(0);
            consumer.Resume();
            m.Router.Tick(m.Clock.NowMs + i);
        }

        producer.Close();
        var sentAtClose = m.Subscribers.Sum(s => s.RtpCount);
        await Task.Delay(50);
        Assert.Equal(sentAtClose, m.Subscribers.Sum(s => s.RtpCount));
        await stop.CancelAsync();
        await sender;
        Assert.True(sentAtClose > 0);
    }
}
