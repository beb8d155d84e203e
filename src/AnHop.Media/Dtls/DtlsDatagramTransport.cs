using System.Buffers;
using Org.BouncyCastle.Tls;

namespace AnHop.Media.Dtls;

/// <summary>
/// Connects BouncyCastle's blocking DTLS engine to AnHop's UDP demultiplexer. The socket thread calls
/// <see cref="Enqueue"/> with each DTLS datagram (first byte 20–63, RFC 7983); the DTLS thread pulls them
/// through <see cref="Receive(Span{byte}, int)"/>. Records BC writes go straight to the send callback.
/// </summary>
/// <remarks>
/// Threading: <see cref="Enqueue"/> and <see cref="Close"/> may be called from any thread;
/// <see cref="Receive(Span{byte}, int)"/> is meant for the one DTLS thread. The queue is bounded in count and in
/// bytes so that a flood of handshake datagrams cannot grow memory; what does not fit is dropped and counted,
/// which DTLS tolerates because it retransmits. Queue slots are rented from <see cref="ArrayPool{T}"/>.
/// </remarks>
public sealed class DtlsDatagramTransport : DatagramTransport
{
    /// <summary>Chromium's first ClientHello datagram is 1200 bytes; less drops it silently (../shared/DTLS.md).</summary>
    public const int MinimumReceiveLimit = 1200;

    private readonly object _gate = new();
    private readonly Queue<(byte[] Buffer, int Length)> _queue;
    private readonly DtlsDatagramSender _send;
    private readonly int _maxQueuedDatagrams;
    private readonly int _maxQueuedBytes;
    private readonly int _receiveLimit;
    private readonly int _sendLimit;
    private int _queuedBytes;
    private bool _closed;
    private bool _aborted;
    private long _droppedDatagrams;
    private long _sentDatagrams;

    public DtlsDatagramTransport(DtlsDatagramSender send, int receiveLimit = 1500, int sendLimit = 1200,
        int maxQueuedDatagrams = 64, int maxQueuedBytes = 64 * 1024)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentOutOfRangeException.ThrowIfLessThan(receiveLimit, MinimumReceiveLimit);
        // 13-byte record header + 12-byte handshake header + an AEAD expansion must still leave room for data.
        ArgumentOutOfRangeException.ThrowIfLessThan(sendLimit, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedDatagrams, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedBytes, receiveLimit);
        _send = send;
        _receiveLimit = receiveLimit;
        _sendLimit = sendLimit;
        _maxQueuedDatagrams = maxQueuedDatagrams;
        _maxQueuedBytes = maxQueuedBytes;
        _queue = new Queue<(byte[], int)>(maxQueuedDatagrams);
    }

    /// <summary>Datagrams refused because the queue was full, too large, or the transport closed.</summary>
    public long DroppedDatagrams => Interlocked.Read(ref _droppedDatagrams);

    public long SentDatagrams => Interlocked.Read(ref _sentDatagrams);

    public int QueuedDatagrams
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsClosed => Volatile.Read(ref _closed);

    /// <summary>Copies the datagram into the queue; false (and counted) when it is dropped.</summary>
    public bool Enqueue(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length > _receiveLimit)
        {
            Interlocked.Increment(ref _droppedDatagrams);
            return false;
        }

        lock (_gate)
        {
            if (_closed || _queue.Count >= _maxQueuedDatagrams || _queuedBytes + datagram.Length > _maxQueuedBytes)
            {
                Interlocked.Increment(ref _droppedDatagrams);
                return false;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(datagram.Length, 1));
            datagram.CopyTo(buffer);
            _queue.Enqueue((buffer, datagram.Length));
            _queuedBytes += datagram.Length;
            Monitor.Pulse(_gate);
            return true;
        }
    }

    public int GetReceiveLimit() => _receiveLimit;

    public int GetSendLimit() => _sendLimit;

    public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

    /// <summary>
    /// Takes the next datagram, waiting up to <paramref name="waitMillis"/> (0 waits forever, as BC's contract says).
    /// Returns its length, or -1 on timeout. Throws <see cref="IOException"/> once closed or aborted, so BC stops
    /// at once instead of retransmitting until its timeout.
    /// </summary>
    public int Receive(Span<byte> buffer, int waitMillis)
    {
        (byte[] Buffer, int Length) item;
        lock (_gate)
        {
            var deadline = waitMillis == 0 ? long.MaxValue : Environment.TickCount64 + waitMillis;
            var waited = false;
            while (_queue.Count == 0)
            {
                // A call made after Close fails at once; one already waiting when Close came ends only by Abort
                // or its timeout (see Close).
                if (_aborted || (_closed && !waited))
                {
                    throw new IOException("DTLS transport closed");
                }

                var remaining = deadline - Environment.TickCount64;
                if (remaining <= 0)
                {
                    return -1;
                }

                Monitor.Wait(_gate, remaining >= int.MaxValue ? Timeout.Infinite : (int)remaining);
                waited = true;
            }

            item = _queue.Dequeue();
            _queuedBytes -= item.Length;
        }

        // A datagram longer than the caller's buffer is truncated, like a UDP socket does; BC then rejects the record.
        var length = Math.Min(item.Length, buffer.Length);
        item.Buffer.AsSpan(0, length).CopyTo(buffer);
        ArrayPool<byte>.Shared.Return(item.Buffer);
        return length;
    }

    public void Send(byte[] buf, int off, int len) => Send(buf.AsSpan(off, len));

    /// <summary>Hands a record datagram to the socket; after <see cref="Close"/> it is dropped silently.</summary>
    public void Send(ReadOnlySpan<byte> buffer)
    {
        if (Volatile.Read(ref _closed))
        {
            return;
        }

        Interlocked.Increment(ref _sentDatagrams);
        _send(buffer);
    }

    /// <summary>
    /// Refuses further datagrams in both directions and drops what is queued; later receives throw. BC calls this
    /// as the last step of closing. A receive already waiting is not woken: when another thread is closing BC,
    /// BC has not yet marked itself closed, and would answer the error with a spurious internal_error alert.
    /// <see cref="Abort"/> wakes it once BC is closed.
    /// </summary>
    public void Close()
    {
        lock (_gate)
        {
            CloseLocked();
        }
    }

    /// <summary>Closes, and makes a waiting or later <see cref="Receive(Span{byte}, int)"/> throw at once.</summary>
    public void Abort()
    {
        lock (_gate)
        {
            CloseLocked();
            _aborted = true;
            Monitor.PulseAll(_gate);
        }
    }

    private void CloseLocked()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        while (_queue.TryDequeue(out var item))
        {
            ArrayPool<byte>.Shared.Return(item.Buffer);
        }

        _queuedBytes = 0;
    }
}
