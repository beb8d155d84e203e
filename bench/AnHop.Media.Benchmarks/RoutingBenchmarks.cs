using System.Buffers.Binary;
using AnHop.Media.Rtp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>
/// The router's hot path: one 1,200-byte video packet received and forwarded to ten consumers, and to five hundred
/// with the fan-out workers off (0) or on (the transports here cost nothing, so this shows the fan-out overhead; the
/// gain with real SRTP + sendto per copy is measured by bench/AnHop.LoadGenerator).
/// </summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const uint Ssrc = 0x11111111;

    private readonly byte[] _template = new byte[1200];
    private readonly byte[] _packet = new byte[1200];
    private Router _router = null!;
    private Router _bigRouter = null!;
    private NullTransport _publisher = null!;
    private NullTransport _bigPublisher = null!;
    private ushort _sequence;
    private uint _timestamp;

    [Params(0, 3)]
    public int FanOutWorkers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // RTP header, then a VP8 keyframe descriptor: the first packet starts every consumer.
        _template[0] = 0x80;
        _template[1] = 96;
        BinaryPrimitives.WriteUInt32BigEndian(_template.AsSpan(8), Ssrc);
        _template[12] = 0x10;
        _template[13] = 0x00;
        var options = new RouterOptions { FanOutWorkers = FanOutWorkers };
        (_router, _publisher) = Meeting(10, options);
        (_bigRouter, _bigPublisher) = Meeting(500, options);
        _template[13] = 0x01;
    }

    private (Router Router, NullTransport Publisher) Meeting(int consumers, RouterOptions options)
    {
        var router = new Router((_, _) => true, options);
        var publisher = new NullTransport("publisher");
        router.AddTransport(publisher, "publisher");
        var codec = new RtpCodec("video/VP8", 96, 90000, 1, 97, "", ["nack", "nack pli", "ccm fir"]);
        var parameters = new RtpParameters("0", codec, [new RtpEncoding(Ssrc, 0x22222222)],
            [new RtpHeaderExtensionParameter(1, RtpHeaderExtensionUris.Mid)], "cname");
        var producer = router.Produce(publisher, ProducerSource.Camera, parameters);
        for (var i = 0; i < consumers; i++)
        {
            var subscriber = new NullTransport($"subscriber{i}");
            router.AddTransport(subscriber, $"subscriber{i}");
            router.Consume(subscriber, producer, router.CreateConsumerParameters(producer, "0"));
        }

        _template.CopyTo(_packet, 0);
        router.OnRtp(publisher, _packet);
        return (router, publisher);
    }

    [Benchmark]
    public void ForwardToTenConsumers() => Forward(_router, _publisher);

    [Benchmark]
    public void ForwardToFiveHundredConsumers() => Forward(_bigRouter, _bigPublisher);

    private void Forward(Router router, NullTransport publisher)
    {
        _template.CopyTo(_packet, 0);
        _sequence++;
        _timestamp += 3000;
        BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp);
        router.OnRtp(publisher, _packet);
    }

    private sealed class NullTransport(string id) : IMediaTransport
    {
        public string Id { get; } = id;

        public bool IsConnected => true;

        public IMediaTransportSink? Sink { get; set; }

        public event EventHandler? Closed;

        public bool SendRtp(Span<byte> buffer, int length) => length > 0;

        public bool SendRtcp(Span<byte> buffer, int length) => length > 0;

        public void Close() => Closed?.Invoke(this, EventArgs.Empty);
    }
}
