using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Stun;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>Hostile and malformed packets on the media ports during an established call are dropped and counted; the call goes on.</summary>
public class HostileTrafficTests
{
    [Fact]
    public async Task Hostile_udp_datagrams_are_dropped_and_counted_while_the_call_flows()
    {
        using var server = NewServer();
        var sink = new RecordingSink();
        var (transport, peer) = await ConnectAsync(server, sink);
        using var _ = transport;
        using var __ = peer;
        var atPeer = new PeerRecorder();
        atPeer.Attach(peer);
        await SendBatch(peer, sink, 0, 20);

        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var target = server.UdpEndPoint;
        var random = new Random(7);
        var unattributedBefore = server.Unattributed.TotalDrops;

        // Random bytes of every first-byte range, truncated STUN, STUN with bad integrity, DTLS garbage and RTP,
        // all from an address no check has bound.
        var sentFromAttacker = 0;
        for (var i = 0; i < 200; i++)
        {
            var junk = new byte[random.Next(1, 1400)];
            random.NextBytes(junk);
            attacker.SendTo(junk, target);
            sentFromAttacker++;
        }

        var check = Check(transport.LocalUfrag, peer.LocalUfrag, "not-the-password-at-all-123456");
        for (var cut = 1; cut < check.Length; cut += 7)
        {
            attacker.SendTo(check.AsSpan(0, cut), SocketFlags.None, target);
            sentFromAttacker++;
        }

        attacker.SendTo(check, target);
        var dtlsGarbage = new byte[300];
        random.NextBytes(dtlsGarbage);
        dtlsGarbage[0] = 22;
        attacker.SendTo(dtlsGarbage, target);
        var rtp = MakeRtp(0x1111, 99, 200, out var rtpLength);
        attacker.SendTo(rtp.AsSpan(0, rtpLength + 16), SocketFlags.None, target);
        sentFromAttacker += 2;

        // From the peer's own, bound address: RTP with a bad tag, a replayed SRTP packet, DTLS and RTCP garbage.
        var forged = MakeRtp(0x1111, 1000, 200, out var forgedLength);
        random.NextBytes(forged.AsSpan(forgedLength, 16));
        peer.SendRaw(forged.AsSpan(0, forgedLength + 16));
        var keys = transport.DtlsResult!.Keys;
        using (var peerSide = new SrtpContext(keys.Profile, keys.RemoteMasterKey, keys.RemoteMasterSalt))
        {
            var genuine = MakeRtp(0x7777, 1, 200, out var genuineLength);
            Assert.True(peerSide.ProtectRtp(genuine, genuineLength, out var wire));
            peer.SendRaw(genuine.AsSpan(0, wire));
            peer.SendRaw(genuine.AsSpan(0, wire));
        }

        var badRtcp = MakeReceiverReport(0x1111, out var rtcpLength);
        random.NextBytes(badRtcp.AsSpan(rtcpLength, 20));
        peer.SendRaw(badRtcp.AsSpan(0, rtcpLength + 20));
        var lateDtls = new byte[100];
        random.NextBytes(lateDtls);
        lateDtls[0] = 23;
        lateDtls[1] = 0xFE;
        lateDtls[2] = 0xFD;
        peer.SendRaw(lateDtls);

        await Eventually(() => server.Unattributed.TotalDrops - unattributedBefore >= sentFromAttacker - 1
            && transport.Counters.Drops(TransportDropReason.SrtpAuthFailure) >= 2
            && transport.Counters.Drops(TransportDropReason.Replay) >= 1
            && transport.Counters.Drops(TransportDropReason.IceRejected) >= 1, "every hostile packet counted");

        // The call still flows both ways, with nothing extra delivered.
        await SendBatch(peer, sink, 20, 20);
        Assert.Equal(41, sink.Rtp.Count); // 40 from the call and the one genuine 0x7777 packet, once.
        Assert.Equal(1, sink.Rtp.Count(p => BinaryPrimitives.ReadUInt32BigEndian(p.AsSpan(8)) == 0x7777));
        Assert.Empty(sink.Rtcp);
        Assert.True(transport.IsConnected);
        var toPeer = MakeRtp(0x2222, 1, 100, out var toPeerLength);
        Assert.True(transport.SendRtp(toPeer, toPeerLength));
        await Eventually(() => atPeer.Rtp.Count == 1, "the transport's RTP at the peer");
        Assert.Equal(0, server.ReceiveErrors);
    }

    [Fact]
    public async Task Oversized_and_premature_tcp_frames_close_only_their_own_connection()
    {
        using var server = NewServer();
        var sink = new RecordingSink();
        var (transport, peer) = await ConnectAsync(server, sink, tcp: true);
        using var _ = transport;
        using var __ = peer;
        await SendBatch(peer, sink, 0, 10);

        // A length prefix over the frame limit.
        Assert.True(await IsClosedAfter(server, [0x08, 0x00, 1, 2, 3, 4]));

        // Media before any STUN check.
        var rtp = MakeRtp(0x1111, 50, 100, out var length);
        var framed = new byte[2 + length + 16];
        BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)(length + 16));
        rtp.AsSpan(0, length + 16).CopyTo(framed.AsSpan(2));
        Assert.True(await IsClosedAfter(server, framed));

        // Random garbage in a valid frame.
        Assert.True(await IsClosedAfter(server, [0, 4, 0xEE, 0xEE, 0xEE, 0xEE]));
        Assert.True(server.TcpConnectionsRefused >= 3);

        await SendBatch(peer, sink, 10, 10);
        Assert.True(transport.IsConnected);
        Assert.Equal(1, server.TcpConnectionCount);
    }

    private static async Task<bool> IsClosedAfter(MediaServer server, byte[] bytes)
    {
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(server.TcpEndPoint!);
        await client.SendAsync(bytes);
        var buffer = new byte[64];
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            return await client.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) == 0;
        }
        catch (SocketException)
        {
            return true; // Reset: closed as well.
        }
    }

    private static async Task SendBatch(AnHop.Media.Peer.WebRtcPeer peer, RecordingSink sink, int first, int count)
    {
        var target = sink.Rtp.Count + count;
        for (var i = first; i < first + count; i++)
        {
            var packet = MakeRtp(0x1111, (ushort)(i + 1), 300, out var length);
            Assert.True(peer.SendRtp(packet, length));
        }

        await Eventually(() => sink.Rtp.Count >= target, $"{count} packets of the call");
    }

    /// <summary>A well-formed check signed with <paramref name="password"/>.</summary>
    private static byte[] Check(string localUfrag, string remoteUfrag, string password)
    {
        using var key = StunIntegrityKey.ShortTerm(password);
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12])
            && writer.TryAddUsername(System.Text.Encoding.ASCII.GetBytes($"{localUfrag}:{remoteUfrag}"))
            && writer.TryAddPriority(1)
            && writer.TryAddIceControlling(1)
            && writer.TryAddUseCandidate()
            && writer.TryAddMessageIntegrity(key)
            && writer.TryAddFingerprint());
        return writer.Written.ToArray();
    }
}
