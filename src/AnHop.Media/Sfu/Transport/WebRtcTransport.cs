using System.Net;
using AnHop.Media.Demux;
using AnHop.Media.Dtls;
using AnHop.Media.Srtp;
using AnHop.Media.Stun;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// One participant connection (mediasoup's WebRtcTransport): ICE-lite, then the DTLS server, then SRTP, over the
/// <see cref="MediaServer"/>'s shared UDP socket or one of its ICE-TCP connections.
/// </summary>
/// <remarks>
/// Threading: the server's receive threads (one flow always on the same one) and ICE-TCP connection threads call the receive side; any thread may
/// call <see cref="SendRtp"/>, <see cref="SendRtcp"/> and <see cref="Close"/>. <see cref="SrtpContext"/> and
/// <see cref="IceLiteResponder"/> are single-threaded, so the receive side (responder and inbound SRTP) is under
/// one lock and the send side (outbound SRTP and the selected remote) under another; the two never nest the
/// other way round, and neither is held while the sink runs. On a receive thread (or fan-out worker) an RTP/RTCP
/// send over UDP is only queued plain in the thread's <see cref="UdpSendBatch"/>; the flush protects it under the
/// send lock (<see cref="ProtectForBatch"/>) and sends it with sendmmsg.
/// </remarks>
public sealed class WebRtcTransport : IMediaTransport, IDisposable
{
    /// <summary>A transport remembers at most this many source addresses (one per remote candidate that passed a check).</summary>
    public const int MaxBoundAddresses = 16;

    private readonly MediaServer _server;
    private readonly IceLiteResponder _ice;
    private readonly object _receiveLock = new();
    private readonly object _sendLock = new();
    private readonly object _stateLock = new();
    private readonly List<DemuxKey> _boundAddresses = [];
    private readonly SocketAddress _udpRemote;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _createdAt = Environment.TickCount64;
    private readonly double _lossPercent;
    private DtlsFingerprint? _remoteFingerprint;
    private DtlsSession? _dtls;
    private List<byte[]>? _earlyDtls;
    private SrtpContext? _inbound;
    private SrtpContext? _outbound;
    private IceTcpConnection? _tcpRemote;
    private bool _hasUdpRemote;
    private volatile bool _isConnected;
    private volatile bool _isClosed;
    private TransportCloseReason _closeReason;

    internal WebRtcTransport(MediaServer server, string id, string localUfrag, string localPassword, DemuxKey ufragKey)
    {
        _server = server;
        Id = id;
        LocalPassword = localPassword;
        UfragKey = ufragKey;
        _ice = new IceLiteResponder(localUfrag, localPassword) { ConsentTimeout = server.Options.ConsentTimeout };
        _udpRemote = new SocketAddress(server.SocketFamily);
        _lossPercent = server.Options.ForwardedLossPercent;
    }

    public string Id { get; }

    /// <summary>This side's ICE ufrag (a=ice-ufrag in the answer); unique on the server.</summary>
    public string LocalUfrag => _ice.LocalUfrag;

    /// <summary>This side's ICE password (a=ice-pwd in the answer).</summary>
    public string LocalPassword { get; }

    /// <summary>The server certificate's fingerprint (a=fingerprint in the answer).</summary>
    public DtlsFingerprint LocalFingerprint => _server.Fingerprint;

    /// <summary>True once DTLS has completed and SRTP keys are in place, until closed.</summary>
    public bool IsConnected => _isConnected;

    public bool IsClosed => _isClosed;

    public TransportCloseReason CloseReason
    {
        get
        {
            lock (_stateLock)
            {
                return _closeReason;
            }
        }
    }

    /// <summary>What the completed handshake established (profile, peer fingerprint, suite); null before.</summary>
    public DtlsHandshakeResult? DtlsResult { get; private set; }

    /// <summary>Why the DTLS handshake failed, when it did.</summary>
    public DtlsHandshakeException? DtlsError { get; private set; }

    /// <summary>Completes when DTLS is done; faults with <see cref="InvalidOperationException"/> if closed before.</summary>
    public Task WhenConnected => _connected.Task;

    /// <summary>True when a remote path is selected: over ICE-TCP rather than UDP.</summary>
    public bool IsTcp
    {
        get
        {
            lock (_sendLock)
            {
                return _tcpRemote is not null;
            }
        }
    }

    /// <summary>True once the peer has nominated a pair (a valid check with USE-CANDIDATE, RFC 8445 §7.3.1.5).</summary>
    public bool IsIceNominated
    {
        get
        {
            lock (_receiveLock)
            {
                return !_isClosed && _ice.TryGetSelectedRemote(out _);
            }
        }
    }

    /// <summary>Where media goes now (UDP source address or ICE-TCP connection peer); default when none is selected.</summary>
    public StunAddress SelectedRemote
    {
        get
        {
            lock (_sendLock)
            {
                if (_tcpRemote is { } tcp)
                {
                    return tcp.Remote;
                }

                return _hasUdpRemote && StunAddress.TryFromSocketAddress(_udpRemote, out var remote) ? remote : default;
            }
        }
    }

    public TransportCounters Counters { get; } = new();

    public IMediaTransportSink? Sink { get; set; }

    internal DemuxKey UfragKey { get; }

    /// <summary>Raised once, on a thread pool thread, when DTLS is done.</summary>
    public event EventHandler? Connected;

    public event EventHandler? Closed;

    /// <summary>
    /// The peer's ICE ufrag and password and its certificate fingerprint, from its SDP. DTLS cannot start before
    /// the fingerprint is known; the first few DTLS datagrams arriving earlier (the browser's ClientHello, sent as soon
    /// as ICE connects, often before its answer reaches us) are held and handed to the handshake here, rather than
    /// waiting for the browser's retransmission.
    /// </summary>
    public void SetRemoteParameters(string? remoteUfrag, string? remotePassword, DtlsFingerprint remoteFingerprint)
    {
        // The remote password would only authenticate checks we send; an ICE-lite agent sends none.
        _ = remotePassword;
        ArgumentNullException.ThrowIfNull(remoteFingerprint);
        lock (_receiveLock)
        {
            _ice.SetRemoteUfrag(remoteUfrag);
        }

        List<byte[]>? early;
        lock (_stateLock)
        {
            _remoteFingerprint = remoteFingerprint;
            early = _earlyDtls;
            _earlyDtls = null;
        }

        foreach (var datagram in early ?? [])
        {
            HandleDtls(datagram);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Thread-safe: serialised with other sends by this transport's send lock. Allocates nothing.</remarks>
    public bool SendRtp(Span<byte> buffer, int length)
    {
        if (!_isConnected)
        {
            Counters.CountDrop(TransportDropReason.NotConnected);
            return false;
        }

        if (_lossPercent > 0 && Random.Shared.NextDouble() * 100 < _lossPercent)
        {
            // Lost "in the network": the router believes it sent the packet, the receiver will NACK it.
            Counters.CountDrop(TransportDropReason.LossInjection);
            return true;
        }

        return Protect(buffer, length, rtcp: false);
    }

    /// <inheritdoc/>
    public bool SendRtcp(Span<byte> buffer, int length)
    {
        if (!_isConnected)
        {
            Counters.CountDrop(TransportDropReason.NotConnected);
            return false;
        }

        return Protect(buffer, length, rtcp: true);
    }

    public void Close() => Close(TransportCloseReason.Local);

    public void Dispose() => Close(TransportCloseReason.Local);

    public override string ToString() => $"{Id} ({(IsConnected ? "connected" : IsClosed ? "closed" : "new")})";

    internal void Close(TransportCloseReason reason)
    {
        lock (_stateLock)
        {
            if (_closeReason != TransportCloseReason.None)
            {
                return;
            }

            _closeReason = reason;
        }

        _isClosed = true;
        _isConnected = false;
        DemuxKey[] bound;
        lock (_receiveLock)
        {
            bound = [.. _boundAddresses];
            _inbound?.Dispose();
            _inbound = null;
            _ice.Dispose();
        }

        _server.Unregister(this, bound);
        _dtls?.Dispose();
        IceTcpConnection? tcp;
        lock (_sendLock)
        {
            _outbound?.Dispose();
            _outbound = null;
            tcp = _tcpRemote;
            _tcpRemote = null;
            _hasUdpRemote = false;
        }

        tcp?.Dispose();
        _connected.TrySetException(new InvalidOperationException($"the transport closed before DTLS completed: {reason}"));
        _ = _connected.Task.Exception; // Observed here, so an unawaited WhenConnected is not reported as unobserved.
        Closed?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>A STUN message addressed to this transport's ufrag, from a UDP address or an ICE-TCP connection.</summary>
    internal void HandleStun(ReadOnlySpan<byte> datagram, in StunAddress remote, SocketAddress? udpFrom, IceTcpConnection? tcp)
    {
        Span<byte> response = stackalloc byte[MediaServer.StunResponseBufferLength];
        IceCheckResult result;
        int responseLength;
        lock (_receiveLock)
        {
            if (_isClosed)
            {
                Counters.CountDrop(TransportDropReason.NotConnected);
                return;
            }

            result = _ice.HandleRequest(datagram, remote, response, out responseLength);
        }

        if (result.HasResponse())
        {
            if (udpFrom is not null)
            {
                _server.SendUdp(response[..responseLength], udpFrom, Counters);
            }
            else if (tcp!.TrySend(response[..responseLength]))
            {
                Counters.CountOut(responseLength);
            }
            else
            {
                Counters.CountDrop(TransportDropReason.SendFailure);
            }
        }

        if (result is not (IceCheckResult.Accepted or IceCheckResult.Nominated))
        {
            Counters.CountDrop(TransportDropReason.IceRejected);
            return;
        }

        Counters.CountIn(datagram.Length);
        if (udpFrom is not null)
        {
            _server.BindAddress(this, udpFrom);
        }
        else
        {
            tcp!.Bind(this);
        }

        // As mediasoup: the first valid check selects a path; USE-CANDIDATE (RFC 8445 §7.3.1.5) selects its own.
        lock (_sendLock)
        {
            if (_isClosed || (result != IceCheckResult.Nominated && (_hasUdpRemote || _tcpRemote is not null)))
            {
                return;
            }

            if (udpFrom is not null)
            {
                udpFrom.Buffer.Span[..udpFrom.Size].CopyTo(_udpRemote.Buffer.Span);
                _udpRemote.Size = udpFrom.Size;
                _hasUdpRemote = true;
                _tcpRemote = null;
            }
            else
            {
                _tcpRemote = tcp;
                _hasUdpRemote = false;
            }
        }
    }

    /// <summary>DTLS, RTP or RTCP from a bound address or connection; RTP and RTCP are unprotected in place.</summary>
    internal void HandleMedia(PacketKind kind, Span<byte> datagram)
    {
        if (kind == PacketKind.Dtls)
        {
            HandleDtls(datagram);
            return;
        }

        if (!_isConnected)
        {
            Counters.CountDrop(TransportDropReason.NotConnected);
            return;
        }

        bool unprotected;
        int plainLength;
        string? reason;
        lock (_receiveLock)
        {
            if (_inbound is null)
            {
                Counters.CountDrop(TransportDropReason.NotConnected);
                return;
            }

            unprotected = kind == PacketKind.Rtp
                ? _inbound.UnprotectRtp(datagram, out plainLength, out reason)
                : _inbound.UnprotectRtcp(datagram, out plainLength, out reason);
        }

        if (!unprotected)
        {
            Counters.CountDrop(reason is SrtpErrors.Replayed or SrtpErrors.TooOld
                ? TransportDropReason.Replay
                : TransportDropReason.SrtpAuthFailure);
            return;
        }

        Counters.CountIn(datagram.Length);
        var sink = Sink;
        if (sink is null)
        {
            return;
        }

        try
        {
            if (kind == PacketKind.Rtp)
            {
                sink.OnRtp(this, datagram[..plainLength]);
            }
            else
            {
                sink.OnRtcp(this, datagram[..plainLength]);
            }
        }
        catch (Exception)
        {
            // A faulty router must not stop the receive thread that every other transport shares.
            Counters.CountDrop(TransportDropReason.SinkFailure);
        }
    }

    internal bool TryAddBoundAddress(DemuxKey key)
    {
        lock (_receiveLock)
        {
            if (_isClosed || _boundAddresses.Count >= MaxBoundAddresses)
            {
                return false;
            }

            if (!_boundAddresses.Contains(key))
            {
                _boundAddresses.Add(key);
            }

            return true;
        }
    }

    /// <summary>The ICE-TCP connection this transport used has closed.</summary>
    internal void OnTcpConnectionClosed(IceTcpConnection connection)
    {
        bool selected;
        lock (_sendLock)
        {
            selected = ReferenceEquals(_tcpRemote, connection);
        }

        if (selected)
        {
            Close(TransportCloseReason.TcpClosed);
        }
    }

    /// <summary>Called by the server's timer: consent freshness (RFC 7675) and the connect deadline.</summary>
    internal void CheckTimers(long nowMillis)
    {
        if (_isClosed)
        {
            return;
        }

        if (!_isConnected)
        {
            // Until DTLS completes, the connect deadline governs; consent (RFC 7675) guards an established path.
            if (nowMillis - _createdAt > (long)_server.Options.ConnectTimeout.TotalMilliseconds)
            {
                Close(TransportCloseReason.ConnectTimeout);
            }

            return;
        }

        bool expired;
        lock (_receiveLock)
        {
            expired = !_isClosed && _ice.IsConsentExpired();
        }

        if (expired)
        {
            Close(TransportCloseReason.ConsentExpired);
        }
    }

    /// <summary>
    /// Protects an entry of a send batch in its slot and gives the selected UDP remote. False when it must not go in
    /// the batch: not connected or not protectable (counted), or the path is ICE-TCP now (sent here, counted).
    /// </summary>
    internal bool ProtectForBatch(Span<byte> slot, int length, bool rtcp, Span<byte> address, out int wireLength, out int addressLength)
    {
        addressLength = 0;
        lock (_sendLock)
        {
            wireLength = 0;
            if (_outbound is null)
            {
                Counters.CountDrop(TransportDropReason.NotConnected);
                return false;
            }

            var ok = rtcp ? _outbound.ProtectRtcp(slot, length, out wireLength) : _outbound.ProtectRtp(slot, length, out wireLength);
            if (!ok)
            {
                Counters.CountDrop(TransportDropReason.ProtectFailure);
                return false;
            }

            if (_tcpRemote is not null || !_hasUdpRemote || _udpRemote.Size > address.Length)
            {
                SendLocked(slot[..wireLength]);
                return false;
            }

            _udpRemote.Buffer.Span[.._udpRemote.Size].CopyTo(address);
            addressLength = _udpRemote.Size;
            return true;
        }
    }

    private bool Protect(Span<byte> buffer, int length, bool rtcp)
    {
        // On a receive thread (or fan-out worker) over UDP: queue the plain copy; the batch protects it after the
        // router lock was released. The TCP check is only a hint; the flush decides under the send lock.
        if (_tcpRemote is null && (uint)length <= (uint)buffer.Length && _server.TryQueuePlain(buffer[..length], rtcp, this))
        {
            return true;
        }

        lock (_sendLock)
        {
            if (_outbound is null)
            {
                Counters.CountDrop(TransportDropReason.NotConnected);
                return false;
            }

            if ((uint)length > (uint)buffer.Length)
            {
                Counters.CountDrop(TransportDropReason.ProtectFailure);
                return false;
            }

            int wireLength;
            var ok = rtcp ? _outbound.ProtectRtcp(buffer, length, out wireLength) : _outbound.ProtectRtp(buffer, length, out wireLength);
            if (!ok)
            {
                Counters.CountDrop(TransportDropReason.ProtectFailure);
                return false;
            }

            return SendLocked(buffer[..wireLength]);
        }
    }

    /// <summary>Sends to the selected remote; the caller holds the send lock.</summary>
    private bool SendLocked(ReadOnlySpan<byte> datagram)
    {
        if (_tcpRemote is null && _hasUdpRemote)
        {
            // Counted by the server: at once, or when a receive thread's batch is flushed.
            return _server.SendUdp(datagram, _udpRemote, Counters);
        }

        var sent = _tcpRemote is { } tcp && tcp.TrySend(datagram);
        if (sent)
        {
            Counters.CountOut(datagram.Length);
        }
        else
        {
            Counters.CountDrop(TransportDropReason.SendFailure);
        }

        return sent;
    }

    private void SendDtls(ReadOnlySpan<byte> datagram)
    {
        lock (_sendLock)
        {
            SendLocked(datagram);
        }
    }

    private void HandleDtls(ReadOnlySpan<byte> datagram)
    {
        var session = Volatile.Read(ref _dtls);
        if (session is null)
        {
            lock (_stateLock)
            {
                if (_closeReason != TransportCloseReason.None)
                {
                    Counters.CountDrop(TransportDropReason.NotConnected);
                    return;
                }

                if (_remoteFingerprint is null)
                {
                    HoldEarlyDtls(datagram);
                    return;
                }

                session = _dtls;
                if (session is null)
                {
                    // The first DTLS datagram from a bound address starts the server side (a=setup:passive).
                    session = DtlsSession.StartServer(_server.Certificate, _remoteFingerprint, SendDtls, _server.DtlsOptions);
                    Volatile.Write(ref _dtls, session);
                    _ = CompleteHandshakeAsync(session);
                }
            }
        }

        if (session.Enqueue(datagram))
        {
            Counters.CountIn(datagram.Length);
        }
        else
        {
            Counters.CountDrop(TransportDropReason.DtlsQueueFull);
        }
    }

    /// <summary>Keeps a copy of a DTLS datagram that came before the fingerprint (a bounded few; the rest are dropped). Under the state lock.</summary>
    private void HoldEarlyDtls(ReadOnlySpan<byte> datagram)
    {
        const int MaxHeld = 4;
        _earlyDtls ??= [];
        if (_earlyDtls.Count >= MaxHeld)
        {
            Counters.CountDrop(TransportDropReason.NotConnected);
            return;
        }

        _earlyDtls.Add(datagram.ToArray());
    }

    private async Task CompleteHandshakeAsync(DtlsSession session)
    {
        DtlsHandshakeResult result;
        try
        {
            result = await session.Handshake.ConfigureAwait(false);
        }
        catch (DtlsHandshakeException ex)
        {
            DtlsError = ex;
            Close(TransportCloseReason.DtlsFailed);
            return;
        }

        var inbound = SrtpContext.CreateInbound(result.Keys);
        var outbound = SrtpContext.CreateOutbound(result.Keys);
        lock (_receiveLock)
        {
            if (_isClosed)
            {
                inbound.Dispose();
                outbound.Dispose();
                return;
            }

            _inbound = inbound;
        }

        lock (_sendLock)
        {
            if (_isClosed)
            {
                outbound.Dispose();
                return;
            }

            _outbound = outbound;
        }

        DtlsResult = result;
        _isConnected = !_isClosed;
        if (!_isConnected)
        {
            return;
        }

        _ = session.Completion.ContinueWith(static (_, state) => ((WebRtcTransport)state!).Close(TransportCloseReason.DtlsClosed),
            this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _connected.TrySetResult();
        Connected?.Invoke(this, EventArgs.Empty);
    }
}
