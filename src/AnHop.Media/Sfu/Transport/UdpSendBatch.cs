using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// The UDP datagrams a receive thread sends while it handles one received datagram (one packet's fan-out, a STUN
/// answer, RTCP), gathered and handed to the kernel with one sendmmsg(2) per <see cref="Capacity"/> datagrams instead
/// of one sendto(2) each. Thread-confined: each receive thread owns one, attached as <see cref="Current"/>.
/// </summary>
/// <remarks>
/// SRTP/SRTCP that a transport sends is queued plain (<see cref="TryAddPlain"/>) and protected at <see cref="Flush"/>,
/// under that transport's send lock, which also gives the remote address then: a router thread therefore only
/// rewrites and copies under its router lock, and the protect and the syscall of two receive threads forwarding into
/// one meeting run in parallel after it. Per SSRC the order is kept: one flow is handled by one thread, and a batch is
/// protected and sent in queue order.
/// Every buffer is allocated and pinned once: <see cref="Capacity"/> datagram slots, as many sockaddr slots, and the
/// mmsghdr/iovec arrays pointing at them; queuing copies the protected datagram and its address (the transport's
/// selected remote may change right after), so nothing is allocated per datagram. Datagrams are counted on their
/// transport's counters when the kernel took them (or refused them: <see cref="TransportDropReason.SendFailure"/>),
/// at <see cref="Flush"/>. The sender has already seen success; as with sendto, a full send buffer is a drop.
/// </remarks>
internal sealed unsafe class UdpSendBatch
{
    /// <summary>Datagrams per sendmmsg call; a larger fan-out flushes every time the batch is full.</summary>
    public const int Capacity = 64;

    /// <summary>Room per datagram: an MTU-sized SRTP packet and more; a larger datagram is sent on its own.</summary>
    public const int SlotSize = 2048;

    /// <summary>sizeof(struct sockaddr_storage).</summary>
    private const int AddressSlotSize = 128;

    [ThreadStatic]
    private static UdpSendBatch? t_current;

    [ThreadStatic]
    private static bool t_gatherOnThisThread;

    private readonly byte[] _data = GC.AllocateArray<byte>(Capacity * SlotSize, pinned: true);
    private readonly byte[] _addresses = GC.AllocateArray<byte>(Capacity * AddressSlotSize, pinned: true);
    private readonly IoVector[] _vectors = GC.AllocateArray<IoVector>(Capacity, pinned: true);
    private readonly MultiMessageHeader[] _headers = GC.AllocateArray<MultiMessageHeader>(Capacity, pinned: true);
    private readonly TransportCounters?[] _counters = new TransportCounters?[Capacity];
    private readonly WebRtcTransport?[] _protectors = new WebRtcTransport?[Capacity];
    private readonly bool[] _rtcp = new bool[Capacity];
    private readonly IoVector* _firstVector;
    private readonly byte* _firstAddress;
    private readonly MultiMessageHeader* _firstHeader;
    private int _count;
    private long _calls;
    private long _datagrams;

    public UdpSendBatch(object owner, Socket socket)
    {
        Owner = owner;
        Socket = socket;
        var data = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        _firstAddress = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, 0);
        _firstVector = (IoVector*)Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, 0);
        _firstHeader = (MultiMessageHeader*)Marshal.UnsafeAddrOfPinnedArrayElement(_headers, 0);
        for (var i = 0; i < Capacity; i++)
        {
            _vectors[i].Base = data + (i * SlotSize);
            _headers[i].IoVectorCount = 1;
        }

        WireHeaders(Capacity);
    }

    /// <summary>The batch of the calling thread (a receive thread of a media server), or null.</summary>
    public static UdpSendBatch? Current
    {
        get => t_current;
        set => t_current = value;
    }

    /// <summary>
    /// Set by a router's fan-out worker thread: the first UDP send it makes through a media server creates a batch for
    /// that server on the thread (once), which the worker flushes after each packet's share.
    /// </summary>
    public static bool GatherOnThisThread
    {
        get => t_gatherOnThisThread;
        set => t_gatherOnThisThread = value;
    }

    /// <summary>Flushes the calling thread's batch, if it has one with datagrams queued.</summary>
    public static void FlushCurrent()
    {
        if (t_current is { _count: > 0 } batch)
        {
            batch.Flush();
        }
    }

    /// <summary>The media server whose socket this batch sends on; other servers' transports send directly.</summary>
    public object Owner { get; }

    /// <summary>The receive thread's own socket; every socket of the server shares its port (SO_REUSEPORT).</summary>
    public Socket Socket { get; }

    /// <summary>Datagrams queued and not yet flushed.</summary>
    public int Count => _count;

    /// <summary>sendmmsg calls made so far (statistics, for tests and benchmarks).</summary>
    public long Calls => Volatile.Read(ref _calls);

    /// <summary>Datagrams the kernel took so far.</summary>
    public long Datagrams => Volatile.Read(ref _datagrams);

    /// <summary>Queues a copy of <paramref name="datagram"/> for <paramref name="to"/>; false when it does not fit a slot.</summary>
    public bool TryAdd(ReadOnlySpan<byte> datagram, SocketAddress to, TransportCounters counters)
    {
        if (datagram.Length > SlotSize || to.Size > AddressSlotSize)
        {
            return false;
        }

        if (_count == Capacity)
        {
            Flush();
        }

        var i = _count;
        datagram.CopyTo(_data.AsSpan(i * SlotSize, SlotSize));
        to.Buffer.Span[..to.Size].CopyTo(_addresses.AsSpan(i * AddressSlotSize, AddressSlotSize));
        _vectors[i].Length = (nuint)datagram.Length;
        _headers[i].NameLength = (uint)to.Size;
        _counters[i] = counters;
        _count = i + 1;
        return true;
    }

    /// <summary>
    /// Queues a copy of a plain RTP or RTCP packet that <paramref name="transport"/> protects and addresses at
    /// <see cref="Flush"/>; false when it would not fit a slot once protected.
    /// </summary>
    public bool TryAddPlain(ReadOnlySpan<byte> plain, bool rtcp, WebRtcTransport transport)
    {
        if (plain.Length + IMediaTransport.MaxProtectionOverhead > SlotSize)
        {
            return false;
        }

        if (_count == Capacity)
        {
            Flush();
        }

        var i = _count;
        plain.CopyTo(_data.AsSpan(i * SlotSize, SlotSize));
        _vectors[i].Length = (nuint)plain.Length;
        _protectors[i] = transport;
        _rtcp[i] = rtcp;
        _counters[i] = transport.Counters;
        _count = i + 1;
        return true;
    }

    /// <summary>
    /// Protects the plain entries (each under its transport's send lock; one refused there is counted by the
    /// transport and left out), then hands every queued datagram to the kernel, in order. A datagram the kernel refuses (full send buffer with
    /// MSG_DONTWAIT, closed socket) is counted as a send failure and skipped; the rest still go.
    /// </summary>
    public void Flush()
    {
        var queued = _count;
        var count = 0;
        for (var r = 0; r < queued; r++)
        {
            if (_protectors[r] is { } transport)
            {
                var length = (int)_vectors[r].Length;
                if (!transport.ProtectForBatch(_data.AsSpan(r * SlotSize, SlotSize), length, _rtcp[r],
                    _addresses.AsSpan(r * AddressSlotSize, AddressSlotSize), out var wireLength, out var addressLength))
                {
                    continue;
                }

                _vectors[r].Length = (nuint)wireLength;
                _headers[r].NameLength = (uint)addressLength;
            }

            if (count != r)
            {
                // Close the gap left by a refused entry: the header keeps pointing at its own slot.
                _headers[count] = _headers[r];
                _counters[count] = _counters[r];
            }

            count++;
        }

        var start = 0;
        while (start < count)
        {
            var sent = LinuxDatagramSender.SendMany(Socket.SafeHandle, _firstHeader + start, count - start);
            _calls++;
            if (sent <= 0)
            {
                _counters[start]!.CountDrop(TransportDropReason.SendFailure);
                start++;
                continue;
            }

            for (var k = start; k < start + sent; k++)
            {
                _counters[k]!.CountOut((int)_headers[k].IoVectors->Length);
            }

            _datagrams += sent;
            start += sent;
        }

        Array.Clear(_counters, 0, queued);
        Array.Clear(_protectors, 0, queued);
        if (count != queued)
        {
            WireHeaders(queued);
        }

        _count = 0;
        Routing.ForwardingDelayProbe.RecordDeferred();
    }

    /// <summary>Points header i at address slot i and vector i again (a flush that left entries out moved them).</summary>
    private void WireHeaders(int count)
    {
        for (var i = 0; i < count; i++)
        {
            _headers[i].Name = _firstAddress + (i * AddressSlotSize);
            _headers[i].IoVectors = _firstVector + i;
        }
    }
}
