using System.Net;
using System.Net.Sockets;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// One UDP socket of a <see cref="MediaServer"/> and the dedicated thread that reads it. With several receivers
/// (SO_REUSEPORT, Linux) the kernel spreads flows over the sockets by their 4-tuple hash, so one flow always lands on
/// the same receiver and its packets stay in order. Whatever the thread sends while it handles a datagram leaves
/// from its own socket (same port), batched with sendmmsg where the platform has it. On 64-bit Linux the thread
/// reads up to <see cref="MediaServerOptions.ReceiveBatchSize"/> datagrams per recvmmsg call.
/// </summary>
internal sealed class UdpReceiver
{
    private readonly MediaServer _server;
    private readonly Thread _thread;
    private readonly int _receiveBatchSize;
    private UdpReceiveBatch? _receiveBatch;
    private long _datagrams;

    public UdpReceiver(MediaServer server, Socket socket, int index, bool batchSends, int receiveBatchSize)
    {
        _server = server;
        Socket = socket;
        Batch = batchSends ? new UdpSendBatch(server, socket) : null;
        _receiveBatchSize = receiveBatchSize;
        _thread = new Thread(Run) { IsBackground = true, Name = $"AnHop media UDP receive {index}" };
    }

    public Socket Socket { get; }

    /// <summary>This thread's send batch; null where sendmmsg is not used.</summary>
    public UdpSendBatch? Batch { get; }

    /// <summary>Datagrams read from this socket (a single writer; readable from any thread).</summary>
    public long Datagrams => Volatile.Read(ref _datagrams);

    /// <summary>recvmmsg calls made (0 when the thread reads with recvfrom).</summary>
    public long ReceiveCalls => Volatile.Read(ref _receiveBatch) is { } batch ? batch.Calls : 0;

    public void Start() => _thread.Start();

    public void Join(TimeSpan timeout) => _thread.Join(timeout);

    private void Run()
    {
        UdpSendBatch.Current = Batch;
        Routing.ForwardingDelayProbe.DeferToFlush = Batch is not null;
        if (_receiveBatchSize > 1)
        {
            RunBatched();
        }
        else
        {
            RunSingle();
        }
    }

    private void RunSingle()
    {
        // One buffer and one address for the thread's whole life: nothing is allocated per datagram.
        var buffer = GC.AllocateArray<byte>(MediaServer.MaxDatagramLength + 1, pinned: true);
        var from = new SocketAddress(Socket.AddressFamily);
        while (!_server.IsDisposed)
        {
            int received;
            try
            {
                received = Socket.ReceiveFrom(buffer, SocketFlags.None, from);
                Routing.ForwardingDelayProbe.MarkReceived();
            }
            catch (SocketException)
            {
                // ICMP port unreachable (ConnectionReset on some systems) and the like: the socket lives on.
                _server.CountReceiveError();
                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            Volatile.Write(ref _datagrams, _datagrams + 1);
            Process(buffer.AsSpan(0, received), from);

            // The packet's copies leave together, after the router lock was released.
            FlushSends();
        }
    }

    private void RunBatched()
    {
        // The slots, the headers and one address for the thread's whole life: nothing is allocated per call.
        var batch = new UdpReceiveBatch(Socket, _receiveBatchSize);
        Volatile.Write(ref _receiveBatch, batch);
        var from = new SocketAddress(Socket.AddressFamily);
        while (!_server.IsDisposed)
        {
            int received;
            try
            {
                received = batch.Receive(out _);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (received <= 0)
            {
                // 0: shut down by Dispose (the loop condition ends it). -1: an ICMP error queued on the socket and
                // the like; the socket lives on.
                if (received < 0)
                {
                    _server.CountReceiveError();
                }

                continue;
            }

            Volatile.Write(ref _datagrams, _datagrams + received);
            for (var i = 0; i < received; i++)
            {
                if (batch.IsTruncated(i) || !batch.TryCopySource(i, from))
                {
                    _server.Unattributed.CountDrop(TransportDropReason.Unclassified);
                    continue;
                }

                // The delay probe's mark is where this datagram's handling begins: time spent behind the earlier
                // datagrams of the call is queueing, which the probe never counted in the kernel's queue either.
                Routing.ForwardingDelayProbe.MarkReceived();
                Process(batch.Datagram(i), from);

                // Each packet's copies leave before the next packet is handled: holding them to the end of the call
                // made every copy wait for the whole call (p50 delay 0.12 → 1.9 ms at 10 × 10) and saved no CPU,
                // since the kernel's cost is per datagram, not per sendmmsg call.
                FlushSends();
            }
        }
    }

    private void Process(Span<byte> datagram, SocketAddress from)
    {
        try
        {
            _server.ProcessDatagram(datagram, from);
        }
        catch (Exception)
        {
            // The receive thread is the boundary: whatever one datagram provokes must not stop every call.
            _server.CountReceiveError();
        }
    }

    private void FlushSends()
    {
        if (Batch is { Count: > 0 } batch)
        {
            try
            {
                batch.Flush();
            }
            catch (Exception)
            {
                _server.CountReceiveError();
            }
        }
    }
}
