using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Transport;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>Several SO_REUSEPORT sockets on one port, one receive thread each (Linux; one socket elsewhere).</summary>
public class MultiSocketReceiveTests
{
    [Fact]
    public void The_sockets_share_one_port_and_the_kernel_spreads_flows_over_them()
    {
        using var server = NewServer(new MediaServerOptions { ReceiveThreads = 4 });
        Assert.Equal(OperatingSystem.IsLinux() ? 4 : 1, server.ReceiveThreadCount);

        // 32 flows (source ports) of 5 unclassifiable datagrams each: every one is read once, by some socket.
        var clients = new List<Socket>();
        try
        {
            for (var flow = 0; flow < 32; flow++)
            {
                var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                clients.Add(client);
                client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                for (var i = 0; i < 5; i++)
                {
                    client.SendTo(new byte[] { 0xFF, (byte)flow, (byte)i }, server.UdpEndPoint);
                }
            }

            SpinWait.SpinUntil(() => server.Unattributed.Drops(TransportDropReason.Unclassified) >= 160, Patience);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }

        Assert.Equal(160, server.Unattributed.Drops(TransportDropReason.Unclassified));
        var perSocket = server.DatagramsPerReceiveThread;
        Assert.Equal(160, perSocket.Sum());
        if (OperatingSystem.IsLinux())
        {
            // Each flow hashes to one socket: 32 flows all on one of 4 sockets would be a 4^-31 chance.
            Assert.True(perSocket.Count(count => count > 0) >= 2, $"per socket: {string.Join(", ", perSocket)}");
            Assert.All(perSocket, count => Assert.Equal(0, count % 5));
        }
    }

    [Fact]
    public async Task Every_packet_of_several_flows_reaches_its_own_transport_exactly_once_and_its_echo_comes_back()
    {
        const int Peers = 6;
        const int Packets = 100;
        using var server = NewServer(new MediaServerOptions { ReceiveThreads = 4 });
        var connections = new List<(WebRtcTransport Transport, AnHop.Media.Peer.WebRtcPeer Peer, EchoSink Sink, PeerRecorder Echoes)>();
        try
        {
            for (var i = 0; i < Peers; i++)
            {
                var sink = new EchoSink();
                var (transport, peer) = await ConnectAsync(server, sink);
                var echoes = new PeerRecorder();
                echoes.Attach(peer);
                connections.Add((transport, peer, sink, echoes));
            }

            for (ushort sequence = 1; sequence <= Packets; sequence++)
            {
                for (var i = 0; i < Peers; i++)
                {
                    var packet = MakeRtp(0x1000u + (uint)i, sequence, 900, out var length);
                    Assert.True(connections[i].Peer.SendRtp(packet, length));
                }
            }

            await Eventually(() => connections.All(c => c.Sink.Received.Count >= Packets && c.Echoes.Rtp.Count >= Packets),
                "every packet at its transport and every echo at its peer");
            await Task.Delay(200);
            for (var i = 0; i < Peers; i++)
            {
                var (transport, _, sink, echoes) = connections[i];
                var ssrc = 0x1000u + (uint)i;
                Assert.All(sink.From, from => Assert.Same(transport, from));
                Assert.Equal(Enumerable.Range(1, Packets).Select(n => (ssrc, (ushort)n)), sink.Received.OrderBy(p => p.Sequence));
                Assert.Equal(Packets, echoes.Rtp.Count);
                Assert.All(echoes.Rtp, echo => Assert.Equal(ssrc, BinaryPrimitives.ReadUInt32BigEndian(echo.AsSpan(8))));
                Assert.Equal(0, transport.Counters.Drops(TransportDropReason.SendFailure));
            }

            if (LinuxBatching)
            {
                // The echoes left through the receive threads' sendmmsg batches.
                Assert.True(server.SendBatches.Sum(batch => batch!.Datagrams) >= Peers * Packets);
            }
        }
        finally
        {
            foreach (var (transport, peer, _, _) in connections)
            {
                transport.Dispose();
                peer.Dispose();
            }
        }
    }

    private static bool LinuxBatching => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>Records (SSRC, sequence) of what a transport delivers and sends each packet straight back on it.</summary>
    private sealed class EchoSink : IMediaTransportSink
    {
        private readonly byte[] _scratch = new byte[2048];

        public ConcurrentQueue<(uint Ssrc, ushort Sequence)> Received { get; } = new();

        public ConcurrentQueue<IMediaTransport> From { get; } = new();

        public void OnRtp(IMediaTransport transport, Span<byte> packet)
        {
            From.Enqueue(transport);
            Received.Enqueue((BinaryPrimitives.ReadUInt32BigEndian(packet[8..]), BinaryPrimitives.ReadUInt16BigEndian(packet[2..])));
            packet.CopyTo(_scratch);
            transport.SendRtp(_scratch, packet.Length);
        }

        public void OnRtcp(IMediaTransport transport, Span<byte> packet) => From.Enqueue(transport);
    }
}
