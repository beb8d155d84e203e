using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Tests.Testing;
using static AnHop.Media.Tests.Sfu.Transport.TransportRig;

namespace AnHop.Media.Tests.Sfu.Transport;

/// <summary>recvmmsg(2) on the receive threads (64-bit Linux): several datagrams per call, each with its source, no allocation.</summary>
public class UdpReceiveBatchTests
{
    private static bool Supported => LinuxDatagramReceiver.IsSupported;

    [Fact]
    public void One_call_takes_every_queued_datagram_in_order_with_its_source()
    {
        if (!Supported)
        {
            Assert.False(OperatingSystem.IsLinux() && Environment.Is64BitProcess);
            return;
        }

        using var receiver = BoundSocket();
        using var first = BoundSocket();
        using var second = BoundSocket();
        var batch = new UdpReceiveBatch(receiver, capacity: 16);
        for (var i = 0; i < 10; i++)
        {
            var datagram = new byte[50 + (i * 100)];
            BinaryPrimitives.WriteInt32BigEndian(datagram, i);
            (i % 2 == 0 ? first : second).SendTo(datagram, receiver.LocalEndPoint!);
        }

        // Loopback delivers at once, so all ten are queued before the call.
        Assert.Equal(10, batch.Receive(out var error));
        Assert.Equal(0, error);
        Assert.Equal(10, batch.Count);
        var from = new SocketAddress(AddressFamily.InterNetwork);
        for (var i = 0; i < 10; i++)
        {
            var datagram = batch.Datagram(i);
            Assert.Equal(50 + (i * 100), datagram.Length);
            Assert.Equal(i, BinaryPrimitives.ReadInt32BigEndian(datagram));
            Assert.False(batch.IsTruncated(i));
            Assert.True(batch.TryCopySource(i, from));
            Assert.Equal((i % 2 == 0 ? first : second).LocalEndPoint, new IPEndPoint(IPAddress.Any, 0).Create(from));
        }

        Assert.Equal(1, batch.Calls);
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Datagram(10).Length);
    }

    [Fact]
    public void A_datagram_longer_than_a_slot_is_reported_truncated_and_the_server_drops_it()
    {
        if (!Supported)
        {
            return;
        }

        using var receiver = BoundSocket();
        using var client = BoundSocket();
        var batch = new UdpReceiveBatch(receiver, capacity: 4);
        client.SendTo(new byte[UdpReceiveBatch.SlotSize + 1], receiver.LocalEndPoint!);
        client.SendTo(new byte[UdpReceiveBatch.SlotSize], receiver.LocalEndPoint!);
        Assert.Equal(2, batch.Receive(out _));
        Assert.True(batch.IsTruncated(0));
        Assert.Equal(UdpReceiveBatch.SlotSize, batch.Datagram(0).Length);
        Assert.False(batch.IsTruncated(1));

        // Through a server: a cut datagram is never parsed; it is counted as unclassifiable.
        using var server = NewServer(new MediaServerOptions { ReceiveThreads = 1 });
        var big = new byte[3000];
        big[0] = 0x80; // Would classify as RTP if it were parsed.
        client.SendTo(big, server.UdpEndPoint);
        client.SendTo(new byte[] { 0xFF }, server.UdpEndPoint);
        SpinWait.SpinUntil(() => server.Unattributed.Drops(TransportDropReason.Unclassified) >= 2, Patience);
        Assert.Equal(2, server.Unattributed.Drops(TransportDropReason.Unclassified));
        Assert.Equal(0, server.Unattributed.Drops(TransportDropReason.UnknownSource));
    }

    [Fact]
    public void Receiving_a_batch_allocates_nothing()
    {
        if (!Supported)
        {
            return;
        }

        using var receiver = BoundSocket();
        using var client = BoundSocket();
        var batch = new UdpReceiveBatch(receiver, capacity: 8);
        var to = receiver.LocalEndPoint!.Serialize();
        var from = new SocketAddress(AddressFamily.InterNetwork);
        var datagram = new byte[1100];
        var total = 0L;
        Allocations.AssertNone(() =>
        {
            for (var i = 0; i < 4; i++)
            {
                LinuxDatagramSender.TrySendTo(client.SafeHandle, datagram, to);
            }

            var taken = 0;
            while (taken < 4)
            {
                var received = batch.Receive(out _);
                for (var i = 0; i < received; i++)
                {
                    batch.TryCopySource(i, from);
                    total += batch.Datagram(i).Length;
                }

                taken += received;
            }
        }, iterations: 2_000);
        Assert.Equal(52_000L * 4 * 1100, total);
    }

    [Fact]
    public void The_server_reads_with_recvmmsg_by_default_and_with_recvfrom_when_the_batch_size_is_one()
    {
        using var batched = NewServer(new MediaServerOptions { ReceiveThreads = 1 });
        using var single = NewServer(new MediaServerOptions { ReceiveThreads = 1, ReceiveBatchSize = 1 });
        using var client = BoundSocket();
        for (var i = 0; i < 200; i++)
        {
            client.SendTo(new byte[] { 0xFF, (byte)i }, batched.UdpEndPoint);
            client.SendTo(new byte[] { 0xFF, (byte)i }, single.UdpEndPoint);
        }

        SpinWait.SpinUntil(() => batched.Unattributed.Drops(TransportDropReason.Unclassified) >= 200
            && single.Unattributed.Drops(TransportDropReason.Unclassified) >= 200, Patience);
        Assert.Equal(200, batched.Unattributed.Drops(TransportDropReason.Unclassified));
        Assert.Equal(200, single.Unattributed.Drops(TransportDropReason.Unclassified));
        Assert.Equal(200, batched.DatagramsPerReceiveThread.Sum());
        Assert.Equal(0, single.ReceiveCallsPerReceiveThread.Sum());
        if (Supported)
        {
            var calls = batched.ReceiveCallsPerReceiveThread.Sum();
            Assert.InRange(calls, 7, 200);
        }
    }

    private static Socket BoundSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.ReceiveBufferSize = 1 << 20;
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
