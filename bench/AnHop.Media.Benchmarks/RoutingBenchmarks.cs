using System.Buffers.Binary;
using AnHop.Media.Rtp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>The router's hot path: one 1,200-byte video packet received and forwarded to ten consumers.</summary>
[MemoryDiagnoser]
public class RoutingBenchmarks
{
    private const uint Ssrc = 0x11111111;
    private const int Consumers = 10;

    private readonly byte[] _template = new byte[1200];
    private readonly byte[] _packet = new byte[1200];
    private Router _router = null!;
    private NullTransport _publisher = null!;
    private ushort _sequence;
    private uint _timestamp;

    [GlobalSetup]
    public void Setup()
    {
        _router = new Router((_, _) => true);
        _publisher = new NullTransport("publisher");
        _router.AddTransport(_publisher, "publisher");
        var codec = new RtpCodec("video/VP8", 96, 90000, 1, 97, "", ["nack", "nack pli", "ccm fir"]);
        var parameters = new RtpParameters("0", codec, [new RtpEncoding(Ssrc, 0x22222222)],
            [new RtpHeaderExtensionParameter(1, RtpHeaderExtensionUris.Mid)], "cname");
        var producer = _router.Produce(_publisher, ProducerSource.Camera, parameters);
        for (var i = 0; i < Consumers; i++)
        {
            var subscriber = new NullTransport($"subscriber{i}");
            _router.AddTransport(subscriber, $"subscriber{i}");
            _router.Consume(subscriber, producer, _router.CreateConsumerParameters(producer, "0"));
        }

        // RTP header, then a VP8 keyframe descriptor: the first packet starts every consumer.
        _template[0] = 0x80;
        _template[1] = 96;
        BinaryPrimitives.WriteUInt32BigEndian(_template.AsSpan(8), Ssrc);
        _template[12] = 0x10;
        _template[13] = 0x00;
        _template.CopyTo(_packet, 0);
        _router.OnRtp(_publisher, _packet);
        _template[13] = 0x01;
    }

    [Benchmark]
    public void ForwardToTenConsumers()
    {
        _template.CopyTo(_packet, 0);
        _sequence++;
        _timestamp += 3000;
        BinaryPrimitives.WriteUInt16BigEndian(_packet.AsSpan(2), _sequence);
        BinaryPrimitives.WriteUInt32BigEndian(_packet.AsSpan(4), _timestamp);
        _router.OnRtp(_publisher, _packet);
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
