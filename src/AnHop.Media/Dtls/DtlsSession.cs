using Org.BouncyCastle.Tls;

namespace AnHop.Media.Dtls;

/// <summary>
/// Drives one DTLS-SRTP association over a <see cref="DtlsDatagramTransport"/>: the handshake, then the late
/// records (retransmitted Finished, alerts, close_notify) until the association ends.
/// </summary>
/// <remarks>
/// Threading: BC's DTLS engine is blocking, so the handshake runs on a dedicated thread (a LongRunning task). Once
/// it succeeds, <see cref="Handshake"/> completes with the keys and the thread ends: a connected session holds no
/// thread. A datagram that comes later is handed to BC on a thread-pool thread (<see cref="Enqueue"/> schedules one
/// drain at a time), where BC answers a retransmitted last flight of the peer (RFC 6347 §4.2.4: the peer did not
/// get our final flight and resends its own) and reads alerts and close_notify. Each drain waits at most
/// <see cref="LateReceiveWaitMillis"/> on an empty queue. The session ends at close_notify, a fatal alert or
/// <see cref="Dispose"/>, so the owner must dispose sessions it abandons.
/// <see cref="Enqueue"/> and <see cref="Dispose"/> may be called from any thread. Continuations of
/// <see cref="Handshake"/> and <see cref="Completion"/> run asynchronously; <see cref="Closed"/> is raised once, on
/// the session thread (failed handshake) or a thread-pool thread (later), never on the caller of Dispose, and must
/// not block.
/// </remarks>
public sealed class DtlsSession : IDisposable
{
    /// <summary>
    /// The wait BC is given per receive call after the handshake. BC reads on until that wait has run out, so this
    /// bounds how long a drain keeps its pool thread once the queue is empty.
    /// </summary>
    private const int LateReceiveWaitMillis = 1;

    private readonly DtlsDatagramTransport _transport;
    private readonly DtlsSessionOptions _options;
    private readonly DtlsPeerStatus _status;
    private readonly TaskCompletionSource<DtlsHandshakeResult> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DtlsCloseReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private readonly LateRecordDrain _drain;
    private DtlsTransport? _dtls;
    private byte[]? _lateBuffer;
    private bool _disposed;
    private bool _late;
    private int _drainScheduled;
    private volatile bool _holdsThread = true;
    private long _ignoredApplicationRecords;
    private long _lateDrains;

    private DtlsSession(DtlsDatagramSender send, DtlsSessionOptions options, DtlsPeerStatus status, bool isDtlsClient)
    {
        _options = options;
        _status = status;
        IsDtlsClient = isDtlsClient;
        _transport = new DtlsDatagramTransport(send, options.ReceiveLimit, options.SendLimit,
            options.MaxQueuedDatagrams, options.MaxQueuedBytes);
        _drain = new LateRecordDrain(this);
    }

    public bool IsDtlsClient { get; }

    /// <summary>Completes with the keys when the handshake succeeds, or faults with <see cref="DtlsHandshakeException"/>.</summary>
    public Task<DtlsHandshakeResult> Handshake => _handshake.Task;

    /// <summary>Completes when the session has ended, for whatever reason; never faults.</summary>
    public Task<DtlsCloseReason> Completion => _completion.Task;

    /// <summary>Raised once when the session ends (also after a failed handshake). See <see cref="Completion"/> for late subscribers.</summary>
    public event EventHandler<DtlsCloseReason>? Closed;

    /// <summary>The datagram queue, for its drop and send counters.</summary>
    public DtlsDatagramTransport Transport => _transport;

    /// <summary>Application-data records received after the handshake; DTLS-SRTP carries none, so they are dropped.</summary>
    public long IgnoredApplicationRecords => Interlocked.Read(ref _ignoredApplicationRecords);

    /// <summary>Drains after the handshake that handed at least one late datagram to BC (for tests and metrics).</summary>
    public long LateRecordDrains => Interlocked.Read(ref _lateDrains);

    /// <summary>True while the session's own thread runs (the handshake); false once it has ended.</summary>
    internal bool HoldsThread => _holdsThread;

    /// <summary>Starts AnHop as DTLS server (<c>a=setup:passive</c>).</summary>
    public static DtlsSession StartServer(DtlsCertificate certificate, DtlsFingerprint expectedClientFingerprint,
        DtlsDatagramSender send, DtlsSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        options ??= DtlsSessionOptions.Default;
        var server = new DtlsServer(certificate, expectedClientFingerprint, options);
        var session = new DtlsSession(send, options, server.Status, isDtlsClient: false);
        session.Start(() => new DtlsServerProtocol().Accept(server, session._transport));
        return session;
    }

    /// <summary>Starts a DTLS client (<c>a=setup:active</c>); it sends its ClientHello at once.</summary>
    public static DtlsSession StartClient(DtlsCertificate certificate, DtlsFingerprint expectedServerFingerprint,
        DtlsDatagramSender send, DtlsSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(send);
        options ??= DtlsSessionOptions.Default;
        var client = new DtlsClient(certificate, expectedServerFingerprint, options);
        var session = new DtlsSession(send, options, client.Status, isDtlsClient: true);
        session.Start(() => new DtlsClientProtocol().Connect(client, session._transport));
        return session;
    }

    /// <summary>Feeds one DTLS datagram from the demultiplexer (copied); false when dropped.</summary>
    public bool Enqueue(ReadOnlySpan<byte> datagram)
    {
        if (!_transport.Enqueue(datagram))
        {
            return false;
        }

        if (Volatile.Read(ref _late))
        {
            ScheduleDrain();
        }

        return true;
    }

    /// <summary>Ends the session: sends close_notify when connected, or aborts a running handshake.</summary>
    public void Dispose()
    {
        DtlsTransport? dtls;
        bool late;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            dtls = _dtls;
            late = _late;
        }

        if (dtls is not null)
        {
            // BC sends close_notify and marks itself closed; only then is the reader woken (by Abort below), so
            // the error it meets is not mistaken for a failure that deserves an alert.
            CloseQuietly(dtls);
        }

        // During a handshake this makes BC's next Receive throw, which ends the handshake at once.
        _transport.Abort();
        if (late)
        {
            // No thread reads any more: a drain on the pool sees the closed queue and ends the session.
            ScheduleDrain();
        }
    }

    private void Start(Func<DtlsTransport> handshake) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                Run(handshake);
            }
            finally
            {
                _holdsThread = false;
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

    private void Run(Func<DtlsTransport> handshake)
    {
        DtlsTransport dtls;
        try
        {
            dtls = handshake();
        }
        catch (Exception ex)
        {
            // Everything is caught: this thread is the boundary, and whatever hostile bytes make BC throw must
            // surface as a failed handshake, never as an unobserved fault that leaves Handshake pending.
            _transport.Abort();
            _handshake.TrySetException(DescribeFailure(ex));
            Finish(DtlsCloseReason.HandshakeFailed);
            return;
        }

        bool disposed;
        lock (_gate)
        {
            disposed = _disposed;
            _dtls = dtls;
        }

        if (disposed || _status.Result is null)
        {
            CloseQuietly(dtls);
            _transport.Abort();
            _handshake.TrySetException(new DtlsHandshakeException(disposed
                ? "the DTLS session was closed before the handshake completed"
                : "the DTLS handshake ended without SRTP keys"));
            Finish(DtlsCloseReason.HandshakeFailed);
            return;
        }

        _handshake.TrySetResult(_status.Result);
        _lateBuffer = new byte[_transport.GetReceiveLimit()];
        lock (_gate)
        {
            _late = true;
        }

        // The thread ends here. What was queued meanwhile (or a Dispose that came before _late was set) is handled
        // by one drain now; later datagrams schedule their own.
        if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
        {
            DrainLateRecords();
        }
    }

    private void ScheduleDrain()
    {
        if (Interlocked.Exchange(ref _drainScheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(_drain, preferLocal: false);
        }
    }

    /// <summary>
    /// Lets BC consume the queued late datagrams, one drain at a time (the caller won <c>_drainScheduled</c>); ends
    /// the session at close_notify, a fatal alert, a failure or Dispose.
    /// </summary>
    private void DrainLateRecords()
    {
        var dtls = _dtls!;
        var buffer = _lateBuffer!;
        while (true)
        {
            var failed = false;
            var handed = false;
            try
            {
                while (!_transport.IsClosed && !_status.CloseNotifyReceived && _transport.QueuedDatagrams > 0)
                {
                    if (!handed)
                    {
                        handed = true;
                        Interlocked.Increment(ref _lateDrains);
                    }

                    if (dtls.Receive(buffer, 0, buffer.Length, LateReceiveWaitMillis) >= 0)
                    {
                        Interlocked.Increment(ref _ignoredApplicationRecords);
                    }
                }
            }
            catch (Exception)
            {
                // TlsFatalAlertReceived, a record BC failed on, or our queue closing: sorted out below.
                failed = true;
            }

            if (failed || _transport.IsClosed || _status.CloseNotifyReceived)
            {
                EndLate(failed);
                return;
            }

            // Release the drain; take it back if a datagram came after the loop's last look (its Enqueue saw the
            // drain still held and scheduled nothing).
            Volatile.Write(ref _drainScheduled, 0);
            if ((_transport.QueuedDatagrams == 0 && !_transport.IsClosed)
                || Interlocked.Exchange(ref _drainScheduled, 1) != 0)
            {
                return;
            }
        }
    }

    private void EndLate(bool failed)
    {
        _transport.Abort();
        bool disposed;
        lock (_gate)
        {
            disposed = _disposed;
        }

        Finish(disposed ? DtlsCloseReason.LocalClose
            : _status.CloseNotifyReceived ? DtlsCloseReason.CloseNotify
            : failed || _status.FatalAlertReceived ? DtlsCloseReason.FatalAlert
            : DtlsCloseReason.Unknown);
    }

    private static void CloseQuietly(DtlsTransport dtls)
    {
        try
        {
            dtls.Close();
        }
        catch (Exception)
        {
            // The association is over either way; closing our queue afterwards still ends the reader.
        }
    }

    private void Finish(DtlsCloseReason reason)
    {
        if (_completion.TrySetResult(reason))
        {
            Closed?.Invoke(this, reason);
        }
    }

    private DtlsHandshakeException DescribeFailure(Exception ex)
    {
        bool disposed;
        lock (_gate)
        {
            disposed = _disposed;
        }

        var role = IsDtlsClient ? "client" : "server";
        var message = ex switch
        {
            _ when disposed => "the DTLS session was closed before the handshake completed",
            _ when _status.RefusalReason is { } reason => $"DTLS {role} refused the peer: {reason}",
            TlsFatalAlertReceived received => $"the DTLS peer aborted the handshake with alert {AlertDescription.GetText(received.AlertDescription)}",
            TlsTimeoutException => $"the DTLS handshake did not complete within {_options.HandshakeTimeout.TotalSeconds:0.###} s",
            TlsFatalAlert alert => $"the DTLS {role} failed the handshake with alert {AlertDescription.GetText(alert.AlertDescription)}: {alert.Message}",
            _ => $"the DTLS {role} handshake failed: {ex.Message}",
        };
        return new DtlsHandshakeException(message, ex);
    }

    /// <summary>The pool work item of one session, made once so that scheduling a drain allocates nothing.</summary>
    private sealed class LateRecordDrain(DtlsSession session) : IThreadPoolWorkItem
    {
        public void Execute()
        {
            try
            {
                session.DrainLateRecords();
            }
            catch (Exception)
            {
                // A Closed handler that throws must not take a pool thread, and with it the process, down.
            }
        }
    }
}
