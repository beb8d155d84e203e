using System.Net;
using System.Net.Sockets;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// One UDP socket of a <see cref="MediaServer"/> and the dedicated thread that reads it. With several receivers
/// (SO_REUSEPORT, Linux) the kernel spreads flows over the sockets by their 4-tuple hash, so one flow always lands on
/// the same receiver and its packets stay in order. Whatever the thread sends while it handles a datagram leaves
/// from its own socket (same port), batched with sendmmsg where the platform has it.
/// </summary>
internal sealed class UdpReceiver
{
    private readonly MediaServer _server;
    private readonly Thread _thread;
    private long _datagrams;

    public UdpReceiver(MediaServer server, Socket socket, int index, bool batchSends)
    {
        _server = server;
        Socket = socket;
        Batch = batchSends ? new UdpSendBatch(server, socket) : null;
        _thread = new Thread(Run) { IsBackground = true, Name = $"AnHop media UDP receive {index}" };
    }

    public Socket Socket { get; }

    /// <summary>This thread's send batch; null where sendmmsg is not used.</summary>
    public UdpSendBatch? Batch { get; }

    /// <summary>Datagrams read from this socket (a single writer; readable from any thread).</summary>
    public long Datagrams => Volatile.Read(ref _datagrams);

    public void Start() => _thread.Start();

    public void Join(TimeSpan timeout) => _thread.Join(timeout);

    private void Run()
    {
        // One buffer and one address for the thread's whole life: nothing is allocated per datagram.
        var buffer = GC.AllocateArray<byte>(MediaServer.MaxDatagramLength + 1, pinned: true);
        var from = new SocketAddress(Socket.AddressFamily);
        UdpSendBatch.Current = Batch;
        Routing.ForwardingDelayProbe.DeferToFlush = Batch is not null;
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
            try
            {
                _server.ProcessDatagram(buffer.AsSpan(0, received), from);
            }
            catch (Exception)
            {
                // The receive thread is the boundary: whatever one datagram provokes must not stop every call.
                _server.CountReceiveError();
            }

            // The packet's copies leave together, after the router lock was released.
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
}
