using System.Buffers.Binary;
using System.Collections.Concurrent;
using AnHop.Media.Demux;
using AnHop.Media.Dtls;
using AnHop.Media.Peer;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Transport;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>Certificates made once, a server on 127.0.0.1 with free ports, and peers connected to its transports.</summary>
internal static class TransportRig
{
    public static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Generate("anhop-transport-test-sfu");

    public static readonly DtlsCertificate PeerCertificate = DtlsCertificate.Generate("anhop-transport-test-peer");

    /// <summary>Generous so that a busy 2-core machine never fails a test by timing alone.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public static MediaServer NewServer(MediaServerOptions? options = null) => new(options ?? new MediaServerOptions(), ServerCertificate);

    /// <summary>A transport told the peer's parameters, and a peer told the transport's, not yet connected.</summary>
    public static (WebRtcTransport Transport, WebRtcPeer Peer) Pair(MediaServer server, bool tcp = false,
        TimeSpan? consentInterval = null, string? password = null, DtlsFingerprint? peerFingerprintForSfu = null)
    {
        var transport = server.CreateWebRtcTransport();
        var candidate = tcp ? server.TcpEndPoint! : server.UdpEndPoint;
        var peer = new WebRtcPeer(transport.LocalUfrag, password ?? transport.LocalPassword, transport.LocalFingerprint,
            candidate, tcp, PeerCertificate)
        {
            ConsentInterval = consentInterval,
            IceTimeout = password is null ? Patience : TimeSpan.FromSeconds(1),
        };
        transport.SetRemoteParameters(peer.LocalUfrag, peer.LocalPassword, peerFingerprintForSfu ?? peer.Fingerprint);
        return (transport, peer);
    }

    public static async Task<(WebRtcTransport Transport, WebRtcPeer Peer)> ConnectAsync(MediaServer server,
        IMediaTransportSink? sink = null, bool tcp = false, TimeSpan? consentInterval = null)
    {
        var (transport, peer) = Pair(server, tcp, consentInterval);
        transport.Sink = sink;
        await peer.ConnectAsync().WaitAsync(Patience);
        await transport.WhenConnected.WaitAsync(Patience);
        return (transport, peer);
    }

    /// <summary>A plain RTP packet (payload type 96) with room after it for the SRTP trailer.</summary>
    public static byte[] MakeRtp(uint ssrc, ushort sequence, int payloadLength, out int length)
    {
        length = 12 + payloadLength;
        var packet = new byte[length + 64];
        packet[0] = 0x80;
        packet[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 3000u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (var i = 0; i < payloadLength; i++)
        {
            packet[12 + i] = (byte)(sequence + i);
        }

        return packet;
    }

    /// <summary>An empty receiver report (RFC 3550 §6.4.2) with room for the SRTCP trailer.</summary>
    public static byte[] MakeReceiverReport(uint ssrc, out int length)
    {
        length = 8;
        var packet = new byte[length + 64];
        packet[0] = 0x80;
        packet[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        return packet;
    }

    public static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}

/// <summary>Keeps a copy of every packet a transport delivers.</summary>
internal sealed class RecordingSink : IMediaTransportSink
{
    public ConcurrentQueue<byte[]> Rtp { get; } = new();

    public ConcurrentQueue<byte[]> Rtcp { get; } = new();

    public ConcurrentQueue<IMediaTransport> From { get; } = new();

    public void OnRtp(IMediaTransport transport, Span<byte> packet)
    {
        From.Enqueue(transport);
        Rtp.Enqueue(packet.ToArray());
    }

    public void OnRtcp(IMediaTransport transport, Span<byte> packet)
    {
        From.Enqueue(transport);
        Rtcp.Enqueue(packet.ToArray());
    }
}

/// <summary>Takes packets and does nothing with them: for allocation tests and benchmarks.</summary>
internal sealed class NullSink : IMediaTransportSink
{
    public long Count;

    public void OnRtp(IMediaTransport transport, Span<byte> packet) => Count++;

    public void OnRtcp(IMediaTransport transport, Span<byte> packet) => Count++;
}

/// <summary>Keeps a copy of every packet a peer receives.</summary>
internal sealed class PeerRecorder
{
    public ConcurrentQueue<byte[]> Rtp { get; } = new();

    public ConcurrentQueue<byte[]> Rtcp { get; } = new();

    public void Attach(WebRtcPeer peer) => peer.PacketReceived = (kind, packet) =>
        (kind == PacketKind.Rtp ? Rtp : Rtcp).Enqueue(packet.ToArray());
}
