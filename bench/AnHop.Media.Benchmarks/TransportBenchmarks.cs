using System.Net;
using AnHop.Media.Peer;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>
/// The transport's per-packet paths on a connected call over 127.0.0.1 (target: 0 B allocated).
/// <see cref="ProcessDatagram"/>: demux by source address, SRTP GCM unprotect of a 1200-byte packet, delivery to a
/// sink that does nothing. Each call needs a never-seen packet, so every iteration first protects a batch outside
/// the measurement. <see cref="SendRtp"/>: SRTP GCM protect and sendto() to the peer's socket.
/// <see cref="SendRtpBatched"/>: the same as a receive thread does it, queued in its sendmmsg batch (64 per call).
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Batch)]
public class TransportBenchmarks
{
    private const int Batch = 16_384;
    private const int PacketSize = 1200;

    private MediaServer server = null!;
    private WebRtcTransport transport = null!;
    private WebRtcPeer peer = null!;
    private SrtpContext peerSide = null!;
    private SocketAddress from = null!;
    private SrtpPacketBatch packets = null!;
    private UdpSendBatch sendBatch = null!;

    [GlobalSetup]
    public void Setup()
    {
        server = new MediaServer(new MediaServerOptions { IceTcpEnabled = false });
        transport = server.CreateWebRtcTransport();
        peer = new WebRtcPeer(transport.LocalUfrag, transport.LocalPassword, transport.LocalFingerprint, server.UdpEndPoint)
        {
            ConsentInterval = TimeSpan.FromSeconds(5),
        };
        transport.SetRemoteParameters(peer.LocalUfrag, peer.LocalPassword, peer.Fingerprint);
        transport.Sink = new DiscardingSink();
        peer.ConnectAsync().WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        transport.WhenConnected.WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();

        var keys = transport.DtlsResult!.Keys;
        peerSide = new SrtpContext(keys.Profile, keys.RemoteMasterKey, keys.RemoteMasterSalt);
        from = peer.LocalEndPoint.Serialize();
        packets = new SrtpPacketBatch(Batch, PacketSize, 0x12345678, IMediaTransport.MaxProtectionOverhead);
        sendBatch = server.CreateSendBatch();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        peerSide.Dispose();
        peer.Dispose();
        transport.Dispose();
        server.Dispose();
    }

    [IterationSetup(Target = nameof(ProcessDatagram))]
    public void ProtectBatch() => packets.Refill(peerSide);

    [Benchmark]
    public void ProcessDatagram() => server.ProcessDatagram(packets.Next(), from);

    [Benchmark]
    public bool SendRtp() => transport.SendRtp(packets.NextPlain(), PacketSize);

    [Benchmark]
    public bool SendRtpBatched()
    {
        // The batch hands its datagrams to the kernel each time it is full.
        UdpSendBatch.Current = sendBatch;
        return transport.SendRtp(packets.NextPlain(), PacketSize);
    }

    [IterationCleanup(Target = nameof(SendRtpBatched))]
    public void FlushBatch()
    {
        sendBatch.Flush();
        UdpSendBatch.Current = null;
    }

    private sealed class DiscardingSink : IMediaTransportSink
    {
        public void OnRtp(IMediaTransport transport, Span<byte> packet)
        {
        }

        public void OnRtcp(IMediaTransport transport, Span<byte> packet)
        {
        }
    }
}
