using Org.BouncyCastle.Tls;

namespace AnHop.Media.Dtls;

/// <summary>
/// Drives one DTLS-SRTP association over a <see cref="DtlsDatagramTransport"/>: the handshake, then the late
/// records (retransmitted Finished, alerts, close_notify) until the association ends.
/// </summary>
/// <remarks>
/// Threading: BC's DTLS engine is blocking, so each session owns one dedicated thread (a LongRunning task) for its
/// whole life. It runs the handshake, completes <see cref="Handshake"/>, then keeps reading with a 1 s wait so
/// that BC can answer a retransmitted last flight (RFC 6347 §4.2.4) and notice alerts; the thread ends at
/// close_notify, a fatal alert or <see cref="Dispose"/>, so the owner must dispose sessions it abandons.
/// <see cref="Enqueue"/> and <see cref="Dispose"/> may be called from any thread. Continuations of
/// <see cref="Handshake"/> and <see cref="Completion"/> run asynchronously (never on the session thread);
/// <see cref="Closed"/> is raised once, on the session thread, and must not block.
/// </remarks>
public sealed class DtlsSession : IDisposable
{
    /// <summary>How long the reader waits per call after the handshake; only bounds how often it rechecks state.</summary>
    private const int ReadWaitMillis = 1000;

    private readonly DtlsDatagramTransport _transport;
    private readonly DtlsSessionOptions _options;
    private readonly DtlsPeerStatus _status;
    private readonly TaskCompletionSource<DtlsHandshakeResult> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<DtlsCloseReason> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _gate = new();
    private DtlsTransport? _dtls;
    private bool _disposed;
    private long _ignoredApplicationRecords;

    private DtlsSession(DtlsDatagramSender send, DtlsSessionOptions options, DtlsPeerStatus status, bool isDtlsClient)
    {
        _options = options;
        _status = status;
        IsDtlsClient = isDtlsClient;
        _transport = new DtlsDatagramTransport(send, options.ReceiveLimit, options.SendLimit,
            options.MaxQueuedDatagrams, options.MaxQueuedBytes);
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
    public bool Enqueue(ReadOnlySpan<byte> datagram) => _transport.Enqueue(datagram);

    /// <summary>Ends the session: sends close_notify when connected, or aborts a running handshake.</summary>
    public void Dispose()
    {
        DtlsTransport? dtls;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            dtls = _dtls;
        }

        if (dtls is not null)
        {
            // BC sends close_notify and marks itself closed; only then is the reader woken (by Abort below), so
            // the error it meets is not mistaken for a failure that deserves an alert.
            CloseQuietly(dtls);
        }

        // During a handshake this makes BC's next Receive throw, which ends the handshake at once.
        _transport.Abort();
    }

    private void Start(Func<DtlsTransport> handshake) =>
        Task.Factory.StartNew(() => Run(handshake), CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);

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
        ReadLateRecords(dtls);
    }

    /// <summary>Lets BC consume what follows the handshake until close_notify, a fatal alert or Dispose.</summary>
    private void ReadLateRecords(DtlsTransport dtls)
    {
        var buffer = new byte[_transport.GetReceiveLimit()];
        var failed = false;
        try
        {
            while (!_transport.IsClosed && !_status.CloseNotifyReceived)
            {
                if (dtls.Receive(buffer, 0, buffer.Length, ReadWaitMillis) >= 0)
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
}
