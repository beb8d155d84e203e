using AnHop.Media.Dtls;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Stun;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>A synthetic peer calls a <see cref="MediaServer"/> on 127.0.0.1 over UDP and over ICE-TCP.</summary>
public class WebRtcTransportCallTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Peer_connects_and_media_flows_both_ways(bool tcp)
    {
        using var server = NewServer();
        var sink = new RecordingSink();
        var (transport, peer) = await ConnectAsync(server, sink, tcp);
        using var _ = transport;
        using var __ = peer;
        var received = new PeerRecorder();
        received.Attach(peer);

        Assert.True(transport.IsConnected);
        Assert.Equal(tcp, transport.IsTcp);
        Assert.Equal(SrtpProfile.AeadAes128Gcm, transport.DtlsResult!.Profile);
        Assert.Equal(SrtpProfile.AeadAes128Gcm, peer.DtlsResult!.Profile);
        Assert.Equal(peer.Fingerprint, transport.DtlsResult.PeerFingerprint);
        Assert.Equal(1, peer.SuccessResponses);
        Assert.True(transport.IsIceNominated);
        Assert.Equal(StunAddress.FromEndPoint(peer.LocalEndPoint), transport.SelectedRemote);

        var sent = new List<byte[]>();
        for (ushort seq = 1; seq <= 20; seq++)
        {
            var packet = MakeRtp(0x1111, seq, 1000, out var length);
            sent.Add(packet[..length]);
            Assert.True(peer.SendRtp(packet, length));
        }

        var report = MakeReceiverReport(0x1111, out var reportLength);
        var plainReport = report[..reportLength];
        Assert.True(peer.SendRtcp(report, reportLength));
        await Eventually(() => sink.Rtp.Count == 20 && sink.Rtcp.Count == 1, "the peer's RTP and RTCP at the sink");
        Assert.Equal(sent, sink.Rtp.ToArray());
        Assert.Equal(plainReport, sink.Rtcp.Single());
        Assert.All(sink.From, from => Assert.Same(transport, from));

        for (ushort seq = 1; seq <= 10; seq++)
        {
            var packet = MakeRtp(0x2222, seq, 500, out var length);
            Assert.True(transport.SendRtp(packet, length));
        }

        var toPeer = MakeReceiverReport(0x2222, out var toPeerLength);
        Assert.True(transport.SendRtcp(toPeer, toPeerLength));
        await Eventually(() => received.Rtp.Count == 10 && received.Rtcp.Count == 1, "the transport's RTP and RTCP at the peer");
        Assert.Equal(MakeRtp(0x2222, 1, 500, out var firstLength)[..firstLength], received.Rtp.First());
        Assert.Equal(21, transport.Counters.Drops(TransportDropReason.NotConnected) + sink.Rtp.Count + sink.Rtcp.Count);
        Assert.True(transport.Counters.PacketsOut >= 11);
        Assert.True(server.GetTotals().PacketsIn >= transport.Counters.PacketsIn);
    }

    [Fact]
    public async Task Two_peers_are_routed_to_their_own_transports()
    {
        using var server = NewServer();
        var sinkA = new RecordingSink();
        var sinkB = new RecordingSink();
        var (transportA, peerA) = await ConnectAsync(server, sinkA);
        var (transportB, peerB) = await ConnectAsync(server, sinkB);
        using var _ = transportA;
        using var __ = transportB;
        using var ___ = peerA;
        using var ____ = peerB;
        var atA = new PeerRecorder();
        var atB = new PeerRecorder();
        atA.Attach(peerA);
        atB.Attach(peerB);
        Assert.NotEqual(transportA.LocalUfrag, transportB.LocalUfrag);

        for (ushort seq = 1; seq <= 10; seq++)
        {
            var a = MakeRtp(0xAAAA, seq, 200, out var length);
            Assert.True(peerA.SendRtp(a, length));
            var b = MakeRtp(0xBBBB, seq, 200, out length);
            Assert.True(peerB.SendRtp(b, length));
            var toA = MakeRtp(0xA0A0, seq, 100, out length);
            Assert.True(transportA.SendRtp(toA, length));
            var toB = MakeRtp(0xB0B0, seq, 100, out length);
            Assert.True(transportB.SendRtp(toB, length));
        }

        await Eventually(() => sinkA.Rtp.Count == 10 && sinkB.Rtp.Count == 10 && atA.Rtp.Count == 10 && atB.Rtp.Count == 10,
            "ten packets each way on both transports");
        Assert.All(sinkA.Rtp, packet => Assert.Equal(0xAA, packet[11]));
        Assert.All(sinkB.Rtp, packet => Assert.Equal(0xBB, packet[11]));
        Assert.All(sinkA.From, from => Assert.Same(transportA, from));
        Assert.All(sinkB.From, from => Assert.Same(transportB, from));
        Assert.All(atA.Rtp, packet => Assert.Equal(0xA0, packet[11]));
        Assert.All(atB.Rtp, packet => Assert.Equal(0xB0, packet[11]));
    }

    [Fact]
    public async Task A_peer_with_the_wrong_password_gets_401s_and_never_binds()
    {
        using var server = NewServer();
        var (transport, peer) = Pair(server, password: IceCredentialGenerator.NewPassword());
        using var _ = transport;
        using var __ = peer;

        await Assert.ThrowsAsync<TimeoutException>(() => peer.ConnectAsync());

        Assert.True(peer.UnauthorizedResponses >= 1);
        Assert.Equal(0, peer.SuccessResponses);
        // Late answers to earlier transactions are not counted by the peer, so the server may count more.
        Assert.True(transport.Counters.Drops(TransportDropReason.IceRejected) >= peer.UnauthorizedResponses);
        Assert.Equal(0, transport.Counters.PacketsIn);

        // Its address was never bound, so its media is nobody's.
        var before = server.Unattributed.Drops(TransportDropReason.UnknownSource);
        var packet = MakeRtp(1, 1, 100, out var length);
        peer.SendRaw(packet.AsSpan(0, length + 16));
        await Eventually(() => server.Unattributed.Drops(TransportDropReason.UnknownSource) == before + 1, "the drop");
        Assert.False(transport.IsConnected);
    }

    [Fact]
    public async Task A_wrong_fingerprint_fails_the_handshake_and_closes_the_transport()
    {
        using var server = NewServer();
        var stranger = DtlsFingerprint.FromDigest(new byte[DtlsFingerprint.DigestLength]);
        var (transport, peer) = Pair(server, peerFingerprintForSfu: stranger);
        using var _ = transport;
        using var __ = peer;
        var closed = 0;
        transport.Closed += (_, _) => Interlocked.Increment(ref closed);

        await Assert.ThrowsAsync<DtlsHandshakeException>(() => peer.ConnectAsync().WaitAsync(Patience));
        await Assert.ThrowsAsync<InvalidOperationException>(() => transport.WhenConnected.WaitAsync(Patience));

        Assert.Equal(TransportCloseReason.DtlsFailed, transport.CloseReason);
        Assert.NotNull(transport.DtlsError);
        Assert.False(transport.IsConnected);
        Assert.Equal(0, server.TransportCount);
        transport.Close();
        Assert.Equal(1, Volatile.Read(ref closed));
    }

    [Fact]
    public async Task Consent_expiry_closes_a_silent_transport_and_spares_a_live_one()
    {
        using var server = NewServer(new MediaServerOptions
        {
            ConsentTimeout = TimeSpan.FromSeconds(2),
            HousekeepingInterval = TimeSpan.FromMilliseconds(100),
        });
        var (silent, silentPeer) = await ConnectAsync(server);
        var (live, livePeer) = await ConnectAsync(server, consentInterval: TimeSpan.FromMilliseconds(200));
        using var _ = silentPeer;
        using var __ = livePeer;
        var closed = new TaskCompletionSource();
        silent.Closed += (_, _) => closed.TrySetResult();

        await closed.Task.WaitAsync(Patience);

        Assert.Equal(TransportCloseReason.ConsentExpired, silent.CloseReason);
        Assert.False(silent.IsConnected);
        Assert.True(live.IsConnected, "a peer that keeps checking keeps consent");
        var packet = MakeRtp(5, 1, 100, out var length);
        Assert.False(silent.SendRtp(packet, length));
        Assert.Equal(1, silent.Counters.Drops(TransportDropReason.NotConnected));
        live.Dispose();
        Assert.Equal(TransportCloseReason.Local, live.CloseReason);
        Assert.Equal(0, server.TransportCount);
    }

    [Fact]
    public async Task A_transport_that_never_connects_is_closed_after_the_connect_timeout()
    {
        using var server = NewServer(new MediaServerOptions
        {
            ConnectTimeout = TimeSpan.FromMilliseconds(300),
            HousekeepingInterval = TimeSpan.FromMilliseconds(100),
        });
        using var transport = server.CreateWebRtcTransport();
        var closed = new TaskCompletionSource();
        transport.Closed += (_, _) => closed.TrySetResult();

        await closed.Task.WaitAsync(Patience);

        Assert.Equal(TransportCloseReason.ConnectTimeout, transport.CloseReason);
    }

    [Fact]
    public async Task Loss_injection_drops_about_the_configured_share_of_outgoing_rtp()
    {
        const int Count = 1000;
        using var server = NewServer(new MediaServerOptions { ForwardedLossPercent = 30 });
        var (transport, peer) = await ConnectAsync(server);
        using var _ = transport;
        using var __ = peer;
        var received = new PeerRecorder();
        received.Attach(peer);

        for (var i = 0; i < Count; i++)
        {
            var packet = MakeRtp(0x3333, (ushort)i, 100, out var length);
            Assert.True(transport.SendRtp(packet, length));
            if (i % 100 == 99)
            {
                await Task.Delay(5); // Keeps the loopback socket buffer far from full.
            }
        }

        var injected = transport.Counters.Drops(TransportDropReason.LossInjection);
        await Eventually(() => received.Rtp.Count == Count - injected, "every packet not dropped on purpose");

        // Binomial(1000, 0.3): mean 300, standard deviation 14.5; five deviations either side.
        Assert.InRange(injected, 228, 372);
        var report = MakeReceiverReport(0x3333, out var reportLength);
        Assert.True(transport.SendRtcp(report, reportLength));
        await Eventually(() => received.Rtcp.Count == 1, "RTCP, which is never dropped on purpose");
    }

    [Fact]
    public async Task Close_unregisters_the_transport_and_raises_closed_once()
    {
        using var server = NewServer();
        var sink = new RecordingSink();
        var (transport, peer) = await ConnectAsync(server, sink);
        using var _ = peer;
        var closed = 0;
        transport.Closed += (_, _) => Interlocked.Increment(ref closed);

        transport.Close();
        transport.Close();
        transport.Dispose();

        Assert.Equal(1, closed);
        Assert.Equal(0, server.TransportCount);
        Assert.False(transport.IsConnected);
        var before = server.Unattributed.Drops(TransportDropReason.UnknownSource);
        var packet = MakeRtp(7, 1, 100, out var length);
        peer.SendRtp(packet, length);
        await Eventually(() => server.Unattributed.Drops(TransportDropReason.UnknownSource) > before, "the unbound address dropped");
        Assert.Empty(sink.Rtp);
    }

    [Fact]
    public void The_server_refuses_transports_beyond_its_limit()
    {
        using var server = NewServer(new MediaServerOptions { MaxTransports = 2, IceTcpEnabled = false });
        using var a = server.CreateWebRtcTransport();
        using var b = server.CreateWebRtcTransport();
        Assert.Throws<InvalidOperationException>(() => server.CreateWebRtcTransport());
        Assert.Null(server.TcpEndPoint);
        a.Close();
        using var c = server.CreateWebRtcTransport();
        Assert.Equal(2, server.TransportCount);
    }

    [Fact]
    public async Task Dtls_waits_for_the_remote_fingerprint_and_completes_once_it_is_set()
    {
        using var server = NewServer();
        using var transport = server.CreateWebRtcTransport();
        using var peer = new AnHop.Media.Peer.WebRtcPeer(transport.LocalUfrag, transport.LocalPassword,
            transport.LocalFingerprint, server.UdpEndPoint, certificate: PeerCertificate) { ConsentInterval = null };

        var connecting = peer.ConnectAsync();
        await Eventually(() => transport.Counters.Drops(TransportDropReason.NotConnected) >= 1, "the early ClientHello dropped");
        transport.SetRemoteParameters(peer.LocalUfrag, peer.LocalPassword, peer.Fingerprint);

        await connecting.WaitAsync(Patience);
        await transport.WhenConnected.WaitAsync(Patience);
        Assert.True(transport.IsConnected);
    }

    [Fact]
    public async Task A_throwing_sink_costs_the_packet_not_the_call()
    {
        using var server = NewServer();
        var sink = new ThrowingSink();
        var (transport, peer) = await ConnectAsync(server, sink);
        using var _ = transport;
        using var __ = peer;

        for (ushort seq = 1; seq <= 5; seq++)
        {
            var packet = MakeRtp(0x6666, seq, 100, out var length);
            Assert.True(peer.SendRtp(packet, length));
        }

        await Eventually(() => transport.Counters.Drops(TransportDropReason.SinkFailure) == 5, "five sink failures");
        Assert.Equal(0, server.ReceiveErrors);
        Assert.True(transport.IsConnected);
    }

    [Fact]
    public async Task Bad_send_arguments_are_refused_and_counted()
    {
        using var server = NewServer();
        var (transport, peer) = await ConnectAsync(server);
        using var _ = transport;
        using var __ = peer;
        var packet = MakeRtp(1, 1, 100, out var length);

        Assert.False(transport.SendRtp(packet, packet.Length + 1));
        Assert.False(transport.SendRtp(packet, -1));
        Assert.False(transport.SendRtp(packet.AsSpan(0, length), length)); // No room for the tag.
        Assert.Equal(3, transport.Counters.Drops(TransportDropReason.ProtectFailure));
    }

    [Fact]
    public async Task StartAsync_warms_dtls_up_and_serves()
    {
        using var server = await MediaServer.StartAsync(new MediaServerOptions { IceTcpEnabled = false }, ServerCertificate)
            .WaitAsync(Patience);
        var (transport, peer) = await ConnectAsync(server);
        using var _ = transport;
        using var __ = peer;
        Assert.True(transport.IsConnected);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_peer_that_hangs_up_closes_its_transport(bool tcp)
    {
        using var server = NewServer();
        var (transport, peer) = await ConnectAsync(server, tcp: tcp);
        var closed = new TaskCompletionSource();
        transport.Closed += (_, _) => closed.TrySetResult();

        peer.Dispose(); // close_notify, then the socket closes.

        await closed.Task.WaitAsync(Patience);
        Assert.Contains(transport.CloseReason, new[] { TransportCloseReason.DtlsClosed, TransportCloseReason.TcpClosed });
        Assert.Equal(0, server.TransportCount);
        await Eventually(() => server.TcpConnectionCount == 0, "the ICE-TCP connection gone");
    }

    [Fact]
    public async Task Router_threads_may_send_on_one_transport_at_once()
    {
        const int Threads = 4;
        const int PerThread = 250;
        using var server = NewServer(new MediaServerOptions { IceTcpEnabled = false });
        var (transport, peer) = await ConnectAsync(server);
        using var _ = transport;
        using var __ = peer;
        var received = new PeerRecorder();
        received.Attach(peer);

        var senders = Enumerable.Range(0, Threads).Select(t => Task.Run(async () =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                var packet = MakeRtp((uint)(0x100 + t), (ushort)i, 200, out var length);
                Assert.True(transport.SendRtp(packet, length));
                if (i % 25 == 24)
                {
                    await Task.Delay(5);
                }
            }
        }));
        await Task.WhenAll(senders).WaitAsync(Patience);

        await Eventually(() => received.Rtp.Count == Threads * PerThread, "every packet from every thread, authenticated");
        Assert.Equal(Threads, received.Rtp.Select(p => p[11]).Distinct().Count());
    }

    private sealed class ThrowingSink : AnHop.Media.Sfu.IMediaTransportSink
    {
        public void OnRtp(AnHop.Media.Sfu.IMediaTransport transport, Span<byte> packet) => throw new InvalidOperationException("router bug");

        public void OnRtcp(AnHop.Media.Sfu.IMediaTransport transport, Span<byte> packet) => throw new InvalidOperationException("router bug");
    }
}
