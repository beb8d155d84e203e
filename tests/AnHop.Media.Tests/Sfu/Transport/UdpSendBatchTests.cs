using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>sendmmsg(2) batches (64-bit Linux): every queued copy leaves, in order, and queuing allocates nothing.</summary>
public class UdpSendBatchTests
{
    private static bool Supported => LinuxDatagramSender.IsBatchSupported;

    [Fact]
    public void Every_queued_datagram_reaches_its_receiver_in_order()
    {
        if (!Supported)
        {
            Assert.False(OperatingSystem.IsLinux() && Environment.Is64BitProcess);
            return;
        }

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var receivers = Enumerable.Range(0, 3).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToArray();
        try
        {
            var counters = new TransportCounters();
            var batch = new UdpSendBatch(this, sender);
            var addresses = new SocketAddress[receivers.Length];
            for (var r = 0; r < receivers.Length; r++)
            {
                receivers[r].ReceiveBufferSize = 1 << 20;
                receivers[r].Bind(new IPEndPoint(IPAddress.Loopback, 0));
                receivers[r].ReceiveTimeout = (int)Patience.TotalMilliseconds;
                addresses[r] = receivers[r].LocalEndPoint!.Serialize();
            }

            // 150 datagrams of different lengths: more than two batches' worth, so Capacity forces two flushes.
            const int Total = 150;
            var datagram = new byte[1200];
            for (var i = 0; i < Total; i++)
            {
                BinaryPrimitives.WriteInt32BigEndian(datagram, i);
                Assert.True(batch.TryAdd(datagram.AsSpan(0, 100 + (i * 7)), addresses[i % receivers.Length], counters));
            }

            Assert.Equal(Total - (2 * UdpSendBatch.Capacity), batch.Count);
            batch.Flush();
            Assert.Equal(0, batch.Count);
            Assert.Equal(Total, counters.PacketsOut);
            Assert.Equal(Enumerable.Range(0, Total).Sum(i => 100L + (i * 7)), counters.BytesOut);
            Assert.Equal(Total, batch.Datagrams);
            Assert.Equal(3, batch.Calls);

            var buffer = new byte[2048];
            for (var r = 0; r < receivers.Length; r++)
            {
                for (var i = r; i < Total; i += receivers.Length)
                {
                    var length = receivers[r].Receive(buffer);
                    Assert.Equal(100 + (i * 7), length);
                    Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(buffer));
                }

                Assert.Equal(0, receivers[r].Available);
            }
        }
        finally
        {
            foreach (var receiver in receivers)
            {
                receiver.Dispose();
            }
        }
    }

    [Fact]
    public void A_datagram_larger_than_a_slot_is_not_queued_and_a_closed_socket_counts_failures()
    {
        if (!Supported)
        {
            return;
        }

        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var counters = new TransportCounters();
        var batch = new UdpSendBatch(this, sender);
        var to = new IPEndPoint(IPAddress.Loopback, 9).Serialize();
        Assert.False(batch.TryAdd(new byte[UdpSendBatch.SlotSize + 1], to, counters));
        Assert.True(batch.TryAdd(new byte[10], to, counters));
        Assert.True(batch.TryAdd(new byte[10], to, counters));
        sender.Dispose();
        batch.Flush();
        Assert.Equal(0, counters.PacketsOut);
        Assert.Equal(2, counters.Drops(TransportDropReason.SendFailure));
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public async Task Sending_rtp_through_a_receive_threads_batch_allocates_nothing_and_reaches_the_peer()
    {
        if (!Supported)
        {
            return;
        }

        using var server = NewServer(new MediaServerOptions { ReceiveThreads = 1 });
        var (transport, peer) = await ConnectAsync(server);
        using var _ = transport;
        using var __ = peer;
        var received = 0L;
        peer.PacketReceived = (_, _) => Interlocked.Increment(ref received);
        var template = MakeRtp(0x5555, 0, 1000, out var length);
        var buffer = new byte[template.Length];
        ushort sequence = 0;
        var before = transport.Counters.PacketsOut + transport.Counters.Drops(TransportDropReason.SendFailure);
        var batch = server.CreateSendBatch();
        UdpSendBatch.Current = batch;
        try
        {
            // As a receive thread: a few copies queued per "datagram", then flushed.
            Allocations.AssertNone(() =>
            {
                for (var i = 0; i < 2; i++)
                {
                    template.AsSpan().CopyTo(buffer);
                    BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), ++sequence);
                    transport.SendRtp(buffer, length);
                }

                batch.Flush();
            }, iterations: 2_000);
        }
        finally
        {
            UdpSendBatch.Current = null;
        }

        var handed = transport.Counters.PacketsOut + transport.Counters.Drops(TransportDropReason.SendFailure) - before;
        Assert.Equal(2 * 52_000, handed);
        Assert.Equal(batch.Datagrams, transport.Counters.PacketsOut - before);

        // The peer's socket may drop some of 104,000 datagrams sent without pause; the last ones do arrive.
        template.AsSpan().CopyTo(buffer);
        var baseline = Interlocked.Read(ref received);
        UdpSendBatch.Current = batch;
        try
        {
            transport.SendRtp(buffer, length);
            batch.Flush();
        }
        finally
        {
            UdpSendBatch.Current = null;
        }

        await Eventually(() => Interlocked.Read(ref received) > baseline, "a batched packet at the peer");
    }

    [Fact]
    public async Task Plain_copies_are_protected_at_flush_and_a_transport_closed_meanwhile_is_left_out()
    {
        if (!Supported)
        {
            return;
        }

        using var server = NewServer(new MediaServerOptions { ReceiveThreads = 2 });
        var (closing, closingPeer) = await ConnectAsync(server);
        var (staying, stayingPeer) = await ConnectAsync(server);
        using var _ = closingPeer;
        using var __ = stayingPeer;
        using var ___ = staying;
        var received = new PeerRecorder();
        received.Attach(stayingPeer);
        var batch = server.CreateSendBatch();
        UdpSendBatch.Current = batch;
        try
        {
            for (ushort sequence = 1; sequence <= 6; sequence++)
            {
                var packet = MakeRtp(0x7777, sequence, 300, out var length);
                Assert.True((sequence % 2 == 0 ? staying : closing).SendRtp(packet, length));
            }

            // Queued plain: nothing was protected or sent yet.
            Assert.Equal(6, batch.Count);
            closing.Close();
            batch.Flush();
            // Its three copies are counted as not connected (with whatever the closed transport refused on its receive side).
            Assert.True(closing.Counters.Drops(TransportDropReason.NotConnected) >= 3);
            // The staying transport's three, and the closing one's DTLS close_notify, which Close sent on this thread.
            Assert.Equal(4, batch.Datagrams);

            // The headers of the batch point at their own slots again: a full batch after the gap still goes intact.
            for (ushort sequence = 7; sequence < 7 + UdpSendBatch.Capacity; sequence++)
            {
                var packet = MakeRtp(0x7777, sequence, 300, out var length);
                Assert.True(staying.SendRtp(packet, length));
            }

            batch.Flush();
        }
        finally
        {
            UdpSendBatch.Current = null;
        }

        var expected = Enumerable.Range(1, 6 + UdpSendBatch.Capacity).Where(n => n <= 6 ? n % 2 == 0 : true).ToList();
        await Eventually(() => received.Rtp.Count >= expected.Count, "every copy of the staying transport");
        var sequences = received.Rtp.Select(p => (int)BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2))).ToList();
        Assert.Equal(expected, sequences);
        Assert.All(received.Rtp, p => Assert.Equal(MakeRtp(0x7777, BinaryPrimitives.ReadUInt16BigEndian(p.AsSpan(2)), 300, out var l)[..l], p));
        Assert.Equal(0, staying.Counters.Drops(TransportDropReason.SendFailure));
    }
}
