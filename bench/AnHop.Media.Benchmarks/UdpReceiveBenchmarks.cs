using System.Net;
using System.Net.Sockets;
using AnHop.Media.Sfu.Transport;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>
/// Reading 32 queued 1,116-byte datagrams from a loopback socket, per operation: <see cref="ReceiveFrom"/> with
/// 32 <c>Socket.ReceiveFrom</c> calls (one buffer, one <see cref="SocketAddress"/>), against
/// <see cref="ReceiveMany"/> with <see cref="UdpReceiveBatch"/> (recvmmsg, 64-bit Linux). Each iteration first
/// queues the datagrams with sendto from another socket, inside the measurement, so both include
/// the same send cost; the difference is the receive side. Target: 0 B allocated.
/// </summary>
[MemoryDiagnoser]
public class UdpReceiveBenchmarks
{
    private const int Datagrams = 32;

    private Socket receiver = null!;
    private Socket sender = null!;
    private SocketAddress to = null!;
    private SocketAddress from = null!;
    private UdpReceiveBatch batch = null!;
    private readonly byte[] datagram = new byte[1116];
    private readonly byte[] buffer = GC.AllocateArray<byte>(MediaServer.MaxDatagramLength + 1, pinned: true);

    [GlobalSetup]
    public void Setup()
    {
        receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 << 20 };
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        to = receiver.LocalEndPoint!.Serialize();
        from = new SocketAddress(AddressFamily.InterNetwork);
        batch = new UdpReceiveBatch(receiver, Datagrams);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        receiver.Dispose();
        sender.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Datagrams)]
    public long ReceiveFrom()
    {
        Queue();
        long bytes = 0;
        for (var i = 0; i < Datagrams; i++)
        {
            bytes += receiver.ReceiveFrom(buffer, SocketFlags.None, from);
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Datagrams)]
    public long ReceiveMany()
    {
        Queue();
        long bytes = 0;
        if (!LinuxDatagramReceiver.IsSupported)
        {
            return bytes;
        }

        for (var taken = 0; taken < Datagrams;)
        {
            var received = batch.Receive(out _);
            for (var i = 0; i < received; i++)
            {
                batch.TryCopySource(i, from);
                bytes += batch.Datagram(i).Length;
            }

            taken += Math.Max(received, 0);
        }

        return bytes;
    }

    private void Queue()
    {
        for (var i = 0; i < Datagrams; i++)
        {
            LinuxDatagramSender.TrySendTo(sender.SafeHandle, datagram, to);
        }
    }
}
