using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// The receive side of a <see cref="UdpReceiver"/> with recvmmsg(2): up to <see cref="Capacity"/> datagrams and
/// their source addresses per system call, into slots allocated and pinned once, with the mmsghdr/iovec arrays
/// wired to them once. Thread-confined: one per receive thread; nothing is allocated per call or per datagram.
/// </summary>
/// <remarks>
/// A slot holds <see cref="SlotSize"/> bytes, more than any datagram WebRTC sends (browsers keep under ~1,200-1,500;
/// DTLS here accepts at most 1,500). A longer datagram arrives truncated (MSG_TRUNC) and is reported as such, so
/// that the caller drops it instead of parsing a cut packet.
/// </remarks>
internal sealed unsafe class UdpReceiveBatch
{
    /// <summary>Room per datagram.</summary>
    public const int SlotSize = 2048;

    /// <summary>sizeof(struct sockaddr_storage).</summary>
    private const int AddressSlotSize = 128;

    private readonly byte[] _data;
    private readonly byte[] _addresses;
    private readonly IoVector[] _vectors;
    private readonly MultiMessageHeader[] _headers;
    private readonly MultiMessageHeader* _firstHeader;
    private int _count;
    private long _calls;

    public UdpReceiveBatch(Socket socket, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Socket = socket;
        Capacity = capacity;
        _data = GC.AllocateArray<byte>(capacity * SlotSize, pinned: true);
        _addresses = GC.AllocateArray<byte>(capacity * AddressSlotSize, pinned: true);
        _vectors = GC.AllocateArray<IoVector>(capacity, pinned: true);
        _headers = GC.AllocateArray<MultiMessageHeader>(capacity, pinned: true);
        var data = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        var addresses = (byte*)Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, 0);
        var vectors = (IoVector*)Marshal.UnsafeAddrOfPinnedArrayElement(_vectors, 0);
        _firstHeader = (MultiMessageHeader*)Marshal.UnsafeAddrOfPinnedArrayElement(_headers, 0);
        for (var i = 0; i < capacity; i++)
        {
            _vectors[i].Base = data + (i * SlotSize);
            _vectors[i].Length = SlotSize;
            _headers[i].Name = addresses + (i * AddressSlotSize);
            _headers[i].NameLength = AddressSlotSize;
            _headers[i].IoVectors = vectors + i;
            _headers[i].IoVectorCount = 1;
        }
    }

    public Socket Socket { get; }

    /// <summary>Datagrams one call can take.</summary>
    public int Capacity { get; }

    /// <summary>Datagrams the last <see cref="Receive"/> filled.</summary>
    public int Count => _count;

    /// <summary>recvmmsg calls made so far (statistics, for tests).</summary>
    public long Calls => Volatile.Read(ref _calls);

    /// <summary>
    /// Waits for the next datagrams and takes up to <see cref="Capacity"/> of them. Returns their count; 0 when the
    /// socket was shut down; -1 on a socket error (<paramref name="error"/> holds errno), after which the socket lives on.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was closed.</exception>
    public int Receive(out int error)
    {
        // The kernel overwrote the address lengths and flags of the slots it filled last time.
        for (var i = 0; i < _count; i++)
        {
            _headers[i].NameLength = AddressSlotSize;
            _headers[i].Flags = 0;
        }

        _count = 0;
        var received = LinuxDatagramReceiver.ReceiveMany(Socket.SafeHandle, _firstHeader, Capacity, out error);
        _calls++;
        if (received > 0)
        {
            _count = received;
        }

        return received;
    }

    /// <summary>Datagram <paramref name="index"/> of the last call, in its slot (writable: it may be unprotected in place).</summary>
    public Span<byte> Datagram(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return _data.AsSpan(index * SlotSize, (int)Math.Min(_headers[index].TransferredLength, SlotSize));
    }

    /// <summary>True when datagram <paramref name="index"/> was longer than a slot and arrived cut.</summary>
    public bool IsTruncated(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        return (_headers[index].Flags & LinuxDatagramReceiver.MsgTruncated) != 0
            || _headers[index].TransferredLength > SlotSize;
    }

    /// <summary>
    /// Copies the source address of datagram <paramref name="index"/> into <paramref name="from"/> (a reused
    /// <see cref="SocketAddress"/>, whose buffer is the native sockaddr on Linux); false when it does not fit.
    /// </summary>
    public bool TryCopySource(int index, SocketAddress from)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
        var length = (int)_headers[index].NameLength;
        var target = from.Buffer.Span;
        if (length <= 0 || length > AddressSlotSize || length > target.Length)
        {
            return false;
        }

        _addresses.AsSpan(index * AddressSlotSize, length).CopyTo(target);
        from.Size = length;
        return true;
    }
}
