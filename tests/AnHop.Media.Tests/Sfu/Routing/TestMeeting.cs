using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

/// <summary>A router on a manual clock with one publisher transport and some subscriber transports.</summary>
public sealed class TestMeeting
{
    public TestMeeting(int subscribers = 1, RouterOptions? options = null, Func<string, ProducerSource, bool>? gate = null)
    {
        Router = new Router(gate ?? ((_, _) => true), (options ?? new RouterOptions()) with { TimeProvider = Clock });
        Router.AddTransport(Publisher, "alice");
        for (var i = 0; i < subscribers; i++)
        {
            var transport = new TestTransport($"sub{i}");
            Router.AddTransport(transport, $"sub{i}");
            Subscribers.Add(transport);
        }
    }

    public ManualTimeProvider Clock { get; } = new();

    public Router Router { get; }

    public TestTransport Publisher { get; } = new("pub");

    public List<TestTransport> Subscribers { get; } = [];

    public Consumer Consume(Producer producer, int subscriber = 0, bool paused = false) =>
        Router.Consume(Subscribers[subscriber], producer, Router.CreateConsumerParameters(producer, "v" + subscriber), paused);

    public void Send(byte[] packet) => Publisher.Receive(packet);

    public void Tick(long advanceMs = 0)
    {
        Clock.Advance(advanceMs);
        Router.Tick(Clock.NowMs);
    }
}
