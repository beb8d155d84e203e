using System.Runtime.ExceptionServices;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Spreads the copies of one packet over worker threads when a stream has many consumers (fork-join). The
/// receiving thread, holding the router lock, copies the packet once, wakes the workers, forwards its own share and
/// waits until every worker is done before it returns. Everything therefore still happens "under the router lock":
/// ordering per consumer, Pause/Close enforcement, NACK/RTX and RTCP see exactly the serial model, and consumers keep
/// plain state. A consumer's share (slot) follows its transport, so one transport is only ever sent to by one thread
/// at a time. Zero allocation per packet once the workers run.
/// </summary>
internal sealed class FanOut
{
    private readonly FanOutWorker[] _workers;
    private readonly byte[] _packet = new byte[Router.ScratchSize];
    private readonly ManualResetEventSlim _done = new(false, 100);
    private int _pending;
    private Consumer[] _consumers = [];
    private ProducerStream? _stream;
    private int _length;
    private int _payloadLength;
    private bool _keyframe;
    private long _nowMs;
    private long _receivedAt;
    private ExceptionDispatchInfo? _failure;

    public FanOut(int workers, string name)
    {
        _workers = new FanOutWorker[workers];
        for (var i = 0; i < workers; i++)
        {
            _workers[i] = new FanOutWorker(this, i + 1, $"AnHop fan-out {i + 1} ({name})");
        }
    }

    /// <summary>The receiving thread takes slot 0; worker i takes slot i.</summary>
    public int Slots => _workers.Length + 1;

    /// <summary>What the worker threads allocated while forwarding (for the zero-allocation proof).</summary>
    public long WorkerAllocatedBytes
    {
        get
        {
            long total = 0;
            foreach (var worker in _workers)
            {
                total += Interlocked.Read(ref worker.AllocatedBytes);
            }

            return total;
        }
    }

    /// <summary>Worker threads currently alive (they stop after an idle time and restart on demand).</summary>
    public int RunningWorkers
    {
        get
        {
            var running = 0;
            foreach (var worker in _workers)
            {
                running += worker.IsRunning ? 1 : 0;
            }

            return running;
        }
    }

    /// <summary>Forwards <paramref name="packet"/> to all <paramref name="consumers"/>; returns once every copy was sent.</summary>
    public void Forward(ProducerStream stream, ReadOnlySpan<byte> packet, Consumer[] consumers, int payloadLength, bool keyframe,
        long nowMs, byte[] scratch)
    {
        packet.CopyTo(_packet);
        _consumers = consumers;
        _stream = stream;
        _length = packet.Length;
        _payloadLength = payloadLength;
        _keyframe = keyframe;
        _nowMs = nowMs;
        _receivedAt = ForwardingDelayProbe.ReceivedAt;
        _failure = null;
        _done.Reset();
        Volatile.Write(ref _pending, _workers.Length);
        var posted = 0;
        try
        {
            foreach (var worker in _workers)
            {
                worker.Post();
                posted++;
            }

            ForwardSlot(0, packet, scratch);
        }
        finally
        {
            // A worker that could not be started (out of threads) counts as done, or the wait below never ends.
            if (posted < _workers.Length && Interlocked.Add(ref _pending, posted - _workers.Length) == 0)
            {
                _done.Set();
            }

            // Workers read the shared packet and consumer state: never leave (not even on an exception) before they are done.
            _done.Wait();
            _consumers = [];
            _stream = null;
        }

        _failure?.Throw();
    }

    /// <summary>Called on a worker thread once it was posted.</summary>
    internal void RunWorker(FanOutWorker worker, int slot, byte[] scratch)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            ForwardingDelayProbe.ReceivedAt = _receivedAt;
            ForwardSlot(slot, _packet.AsSpan(0, _length), scratch);
            Transport.UdpSendBatch.FlushCurrent();
            Interlocked.Add(ref worker.AllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        catch (Exception exception)
        {
            Interlocked.CompareExchange(ref _failure, ExceptionDispatchInfo.Capture(exception), null);
        }
        finally
        {
            if (Interlocked.Decrement(ref _pending) == 0)
            {
                _done.Set();
            }
        }
    }

    private void ForwardSlot(int slot, ReadOnlySpan<byte> packet, byte[] scratch)
    {
        var slots = Slots;
        var stream = _stream!;
        foreach (var consumer in _consumers)
        {
            if (consumer.FanOutSlot % slots == slot)
            {
                consumer.Forward(stream, packet, _payloadLength, _keyframe, _nowMs, scratch);
            }
        }
    }
}
