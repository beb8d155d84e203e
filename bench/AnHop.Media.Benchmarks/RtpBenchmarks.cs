using AnHop.Media.Rtp;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>The SFU's per-packet RTP work: parse, find extensions, rewrite the header for a consumer.</summary>
[MemoryDiagnoser]
public class RtpBenchmarks
{
    private readonly byte[] _packet = new byte[1200];
    private readonly RtpHeaderExtensionMap _map = new();
    private readonly SequenceUnwrapper _unwrapper = new();
    private int _length;

    [GlobalSetup]
    public void Setup()
    {
        _map.TryAdd(2, RtpHeaderExtensionUris.AbsSendTime);
        _map.TryAdd(3, RtpHeaderExtensionUris.TransportWideSequenceNumber);
        _map.TryAdd(4, RtpHeaderExtensionUris.Mid);

        Span<byte> block = stackalloc byte[32];
        var writer = new RtpHeaderExtensionWriter(block, RtpHeaderExtensionForm.OneByte);
        writer.TryAdd(2, [0x0A, 0x3C, 0x51]);
        writer.TryAdd(3, [0x04, 0xD2]);
        writer.TryAdd(4, "1"u8);
        writer.TryFinish(out var blockLength);
        var payload = new byte[1100];
        new Random(1).NextBytes(payload);
        RtpPacketWriter.TryWrite(_packet, new RtpHeaderFields(false, 96, 0x1F3C, 0x8A3B2C1D, 0x5C7E2A91), [],
            block[..blockLength], payload, 0, out _length);
    }

    [Benchmark]
    public int Parse()
    {
        RtpPacket.TryParse(_packet.AsSpan(0, _length), out var packet);
        return packet.Payload.Length;
    }

    [Benchmark]
    public ushort ParseReadExtensionsAndRewrite()
    {
        var data = _packet.AsSpan(0, _length);
        RtpPacketView.TryParse(data, out var view);
        var extensions = view.Packet.Extensions;
        _map.TryFind(extensions, RtpHeaderExtensionKind.Mid, out _);
        _map.TryFind(extensions, RtpHeaderExtensionKind.TransportWideSequenceNumber, out var twcc);
        TransportWideSequenceNumberExtension.TryParse(twcc, out var transportSequence);
        _unwrapper.Unwrap(view.SequenceNumber);
        view.Ssrc = 0x01020304;
        view.SequenceNumber++;
        view.Timestamp += 3000;
        view.PayloadType = 96;
        Span<byte> sendTime = stackalloc byte[AbsSendTimeExtension.ValueLength];
        AbsSendTimeExtension.TryWrite(sendTime, 0x123456, out _);
        view.TrySetExtensionValue(_map.GetId(RtpHeaderExtensionKind.AbsSendTime), sendTime);
        return transportSequence;
    }
}
