using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Demux;
using AnHop.Media.Dtls;
using AnHop.Media.Stun;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// The network side of the SFU (mediasoup's WebRtcServer): one UDP port and one ICE-TCP listener shared by every
/// <see cref="WebRtcTransport"/>, one DTLS certificate, one housekeeping timer, and on the UDP port one socket and
/// receive thread per <see cref="MediaServerOptions.ReceiveThreads"/> (SO_REUSEPORT on Linux; one elsewhere).
/// </summary>
/// <remarks>
/// Demultiplexing (RFC 7983): STUN names its transport by the local ufrag in USERNAME; a valid check binds its
/// source address to that transport; DTLS, RTP and RTCP are then found by source address. Anything else is
/// dropped and counted. See README.md beside this file for threading and limits.
/// </remarks>
public sealed class MediaServer : IDisposable
{
    /// <summary>The largest datagram or ICE-TCP frame the server can take (an RFC 4571 length is 16 bits).</summary>
    public const int MaxDatagramLength = ushort.MaxValue;

    /// <summary>Room for any STUN answer the ICE-lite responder writes (401 is 48 bytes, success with IPv6 ~ 80).</summary>
    internal const int StunResponseBufferLength = 256;

    private static readonly Lazy<Task> WarmUp = new(() => DtlsWarmUp.RunAsync(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Socket _udp;
    private readonly UdpReceiver[] _receivers;
    private readonly Socket? _tcpListener;
    private readonly Thread? _acceptThread;
    private readonly Timer _housekeeping;
    private readonly ConcurrentDictionary<DemuxKey, WebRtcTransport> _byUfrag = new();
    private readonly ConcurrentDictionary<DemuxKey, WebRtcTransport> _byAddress = new();
    private readonly ConcurrentDictionary<IceTcpConnection, byte> _tcpConnections = new();
    private readonly TransportCounters _unattributed = new();
    private readonly TransportCounters _retired = new();
    private readonly object _createGate = new();
    private long _nextTransportId;
    private long _tcpConnectionsRefused;
    private long _receiveErrors;
    private long _housekeepingErrors;
    private int _disposed;

    public MediaServer(MediaServerOptions options, DtlsCertificate? certificate = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        Certificate = certificate ?? DtlsCertificate.Generate("AnHop SFU");
        DtlsOptions = new DtlsSessionOptions { HandshakeTimeout = options.DtlsHandshakeTimeout };

        var socketCount = UdpReusePort.IsSupported ? options.ReceiveThreads : 1;
        var sockets = new List<Socket>(socketCount);
        try
        {
            // The first socket takes the port (any free one for port 0); the others join it with SO_REUSEPORT.
            _udp = OpenUdpSocket(options, options.UdpPort, socketCount > 1);
            sockets.Add(_udp);
            UdpEndPoint = (IPEndPoint)_udp.LocalEndPoint!;
            while (sockets.Count < socketCount)
            {
                sockets.Add(OpenUdpSocket(options, UdpEndPoint.Port, reusePort: true));
            }

            if (options.IceTcpEnabled)
            {
                _tcpListener = new Socket(options.ListenAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                if (options.ListenAddress.Equals(IPAddress.IPv6Any))
                {
                    _tcpListener.DualMode = true;
                }

                _tcpListener.Bind(new IPEndPoint(options.ListenAddress, options.TcpPort));
                _tcpListener.Listen(128);
                TcpEndPoint = (IPEndPoint)_tcpListener.LocalEndPoint!;
            }
        }
        catch
        {
            foreach (var socket in sockets)
            {
                socket.Dispose();
            }

            _tcpListener?.Dispose();
            throw;
        }

        var batchSends = options.BatchSends && LinuxDatagramSender.IsBatchSupported;
        var receiveBatch = LinuxDatagramReceiver.IsSupported ? options.ReceiveBatchSize : 1;
        _receivers = new UdpReceiver[sockets.Count];
        for (var i = 0; i < sockets.Count; i++)
        {
            _receivers[i] = new UdpReceiver(this, sockets[i], i, batchSends, receiveBatch);
        }

        foreach (var receiver in _receivers)
        {
            receiver.Start();
        }

        if (_tcpListener is not null)
        {
            _acceptThread = new Thread(AcceptLoop) { IsBackground = true, Name = "AnHop media ICE-TCP accept" };
            _acceptThread.Start();
        }

        _housekeeping = new Timer(static state => ((MediaServer)state!).Housekeep(), this,
            options.HousekeepingInterval, options.HousekeepingInterval);
    }

    public MediaServerOptions Options { get; }

    /// <summary>The certificate every transport presents; its fingerprint goes into the SDP answer.</summary>
    public DtlsCertificate Certificate { get; }

    public DtlsFingerprint Fingerprint => Certificate.Fingerprint;

    /// <summary>The bound UDP socket (the real port when <see cref="MediaServerOptions.UdpPort"/> was 0).</summary>
    public IPEndPoint UdpEndPoint { get; }

    /// <summary>The bound ICE-TCP listener, or null when ICE-TCP is off.</summary>
    public IPEndPoint? TcpEndPoint { get; }

    /// <summary>The UDP host candidate: the announced address with the bound port.</summary>
    public IPEndPoint AnnouncedUdpEndPoint => new(Options.CandidateAddress, UdpEndPoint.Port);

    /// <summary>The passive TCP host candidate (RFC 6544 tcptype passive), or null when ICE-TCP is off.</summary>
    public IPEndPoint? AnnouncedTcpEndPoint => TcpEndPoint is null ? null : new(Options.CandidateAddress, TcpEndPoint.Port);

    public int TransportCount => _byUfrag.Count;

    public int TcpConnectionCount => _tcpConnections.Count;

    /// <summary>Drops that no transport could be charged with (unknown source, unclassifiable bytes).</summary>
    public TransportCounters Unattributed => _unattributed;

    /// <summary>ICE-TCP connections closed for an oversized frame, bytes before a STUN check, or over the limit.</summary>
    public long TcpConnectionsRefused => Interlocked.Read(ref _tcpConnectionsRefused);

    /// <summary>Socket errors the receive loop survived, and exceptions a datagram caused.</summary>
    public long ReceiveErrors => Interlocked.Read(ref _receiveErrors);

    /// <summary>Exceptions thrown by Closed handlers when the timer closed a transport; each was caught and counted.</summary>
    public long HousekeepingErrors => Interlocked.Read(ref _housekeepingErrors);

    /// <summary>UDP sockets on the port, each read by its own thread (1 where SO_REUSEPORT is not available).</summary>
    public int ReceiveThreadCount => _receivers.Length;

    internal DtlsSessionOptions DtlsOptions { get; }

    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Datagrams each receive socket has read; for tests of the kernel's spreading.</summary>
    internal long[] DatagramsPerReceiveThread => Array.ConvertAll(_receivers, static receiver => receiver.Datagrams);

    /// <summary>recvmmsg calls each receive thread has made (0 where it reads one datagram per recvfrom); for tests.</summary>
    internal long[] ReceiveCallsPerReceiveThread => Array.ConvertAll(_receivers, static receiver => receiver.ReceiveCalls);

    /// <summary>The receivers' send batches (null entries where sendmmsg is off); for tests.</summary>
    internal UdpSendBatch?[] SendBatches => Array.ConvertAll(_receivers, static receiver => receiver.Batch);

    internal AddressFamily SocketFamily => _udp.AddressFamily;

    /// <summary>Runs the DTLS warm-up once per process (so the first browser does not meet a cold JIT), then starts a server.</summary>
    public static async Task<MediaServer> StartAsync(MediaServerOptions options, DtlsCertificate? certificate = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        await WarmUp.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new MediaServer(options, certificate);
    }

    /// <summary>Server totals: live transports, closed transports and unattributed drops, summed now.</summary>
    public TransportCounters GetTotals()
    {
        var totals = new TransportCounters();
        totals.Add(_retired);
        totals.Add(_unattributed);
        foreach (var transport in _byUfrag.Values)
        {
            totals.Add(transport.Counters);
        }

        return totals;
    }

    /// <summary>A new transport with fresh ICE credentials, registered by its ufrag.</summary>
    /// <exception cref="InvalidOperationException">The server holds <see cref="MediaServerOptions.MaxTransports"/> already.</exception>
    public WebRtcTransport CreateWebRtcTransport()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        lock (_createGate)
        {
            if (_byUfrag.Count >= Options.MaxTransports)
            {
                throw new InvalidOperationException($"the media server already holds {Options.MaxTransports} transports");
            }

            while (true)
            {
                var ufrag = IceCredentialGenerator.NewUfrag();
                DemuxKey.TryCreate(System.Text.Encoding.ASCII.GetBytes(ufrag), out var key);
                var id = $"wrt-{Interlocked.Increment(ref _nextTransportId)}";
                var transport = new WebRtcTransport(this, id, ufrag, IceCredentialGenerator.NewPassword(), key);
                if (_byUfrag.TryAdd(key, transport))
                {
                    return transport;
                }

                transport.Dispose();
            }
        }
    }

    /// <summary>
    /// Demultiplexes one datagram received on a UDP socket of the server from <paramref name="from"/>. The receive
    /// threads call this; tests call it directly. The datagram may be unprotected in place. Never throws on the datagram's bytes.
    /// </summary>
    public void ProcessDatagram(Span<byte> datagram, SocketAddress from)
    {
        ArgumentNullException.ThrowIfNull(from);
        var kind = PacketClassifier.Classify(datagram);
        if (kind == PacketKind.Stun)
        {
            ProcessUdpStun(datagram, from);
            return;
        }

        if (kind == PacketKind.Unknown)
        {
            _unattributed.CountDrop(TransportDropReason.Unclassified);
            return;
        }

        if (!DemuxKey.TryCreate(from, out var key) || !_byAddress.TryGetValue(key, out var transport))
        {
            _unattributed.CountDrop(TransportDropReason.UnknownSource);
            return;
        }

        transport.HandleMedia(kind, datagram);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _housekeeping.Dispose();
        foreach (var transport in _byUfrag.Values)
        {
            transport.Close(TransportCloseReason.ServerClosed);
        }

        // Closing the sockets wakes the blocking ReceiveFrom and Accept, which then end their threads.
        foreach (var receiver in _receivers)
        {
            receiver.Socket.Dispose();
        }

        _tcpListener?.Dispose();
        foreach (var connection in _tcpConnections.Keys)
        {
            connection.Dispose();
        }

        foreach (var receiver in _receivers)
        {
            receiver.Join(TimeSpan.FromSeconds(2));
        }

        _acceptThread?.Join(TimeSpan.FromSeconds(2));
    }

    /// <summary>One ICE-TCP frame from <paramref name="connection"/>; false tells the connection to close.</summary>
    internal bool ProcessTcpFrame(Span<byte> frame, IceTcpConnection connection)
    {
        var kind = PacketClassifier.Classify(frame);
        var bound = connection.Transport;
        if (kind == PacketKind.Stun)
        {
            if (!TryFindByUfrag(frame, out var transport))
            {
                _unattributed.CountDrop(TransportDropReason.UnknownSource);
                return bound is not null;
            }

            transport.HandleStun(frame, connection.Remote, null, connection);
            return true;
        }

        if (bound is null)
        {
            // RFC 6544 §7.1 passive side: nothing but STUN is meaningful before a check has succeeded.
            _unattributed.CountDrop(kind == PacketKind.Unknown ? TransportDropReason.Unclassified : TransportDropReason.UnknownSource);
            Interlocked.Increment(ref _tcpConnectionsRefused);
            return false;
        }

        if (kind == PacketKind.Unknown)
        {
            bound.Counters.CountDrop(TransportDropReason.Unclassified);
            return true;
        }

        bound.HandleMedia(kind, frame);
        return true;
    }

    internal void CountTcpRefused() => Interlocked.Increment(ref _tcpConnectionsRefused);

    internal void OnTcpConnectionClosed(IceTcpConnection connection) => _tcpConnections.TryRemove(connection, out _);

    /// <summary>A send batch on this server's first socket, for a test or benchmark thread acting as a receive thread.</summary>
    internal UdpSendBatch CreateSendBatch() => new(this, _udp);

    internal void CountReceiveError() => Interlocked.Increment(ref _receiveErrors);

    /// <summary>
    /// Sends (or, on a receive thread of this server, queues for sendmmsg) one datagram and counts it on
    /// <paramref name="counters"/>: out when sent, <see cref="TransportDropReason.SendFailure"/> when refused.
    /// On a receive thread it leaves from that thread's socket; every socket shares the port, so any one will do.
    /// </summary>
    internal bool SendUdp(ReadOnlySpan<byte> datagram, SocketAddress to, TransportCounters counters)
    {
        var socket = _udp;
        if (CurrentBatch() is { } batch)
        {
            if (batch.TryAdd(datagram, to, counters))
            {
                return true;
            }

            socket = batch.Socket;
        }

        var sent = TrySendTo(socket, datagram, to);
        if (sent)
        {
            counters.CountOut(datagram.Length);
        }
        else
        {
            counters.CountDrop(TransportDropReason.SendFailure);
        }

        return sent;
    }

    /// <summary>Binds a source address to the transport whose check it passed; allocates only for a new address.</summary>
    internal void BindAddress(WebRtcTransport transport, SocketAddress from)
    {
        if (!DemuxKey.TryCreate(from, out var key)
            || (_byAddress.TryGetValue(key, out var current) && ReferenceEquals(current, transport)))
        {
            return;
        }

        if (transport.TryAddBoundAddress(key))
        {
            // The latest valid check wins: an address that moved to another transport (a new connection from
            // the same port) is taken over; the old transport's unregistering then leaves it alone.
            _byAddress[key] = transport;
        }
    }

    internal void Unregister(WebRtcTransport transport, ReadOnlySpan<DemuxKey> boundAddresses)
    {
        foreach (var key in boundAddresses)
        {
            _byAddress.TryRemove(new KeyValuePair<DemuxKey, WebRtcTransport>(key, transport));
        }

        if (_byUfrag.TryRemove(new KeyValuePair<DemuxKey, WebRtcTransport>(transport.UfragKey, transport)))
        {
            _retired.Add(transport.Counters);
        }
    }

    private void ProcessUdpStun(Span<byte> datagram, SocketAddress from)
    {
        if (!TryFindByUfrag(datagram, out var transport) || !StunAddress.TryFromSocketAddress(from, out var remote))
        {
            _unattributed.CountDrop(TransportDropReason.UnknownSource);
            return;
        }

        transport.HandleStun(datagram, remote, from, null);
    }

    private bool TryFindByUfrag(ReadOnlySpan<byte> datagram, out WebRtcTransport transport)
    {
        transport = null!;
        return StunMessage.TryReadUsernameFragments(datagram, out var localUfrag, out _)
            && DemuxKey.TryCreate(localUfrag, out var key)
            && _byUfrag.TryGetValue(key, out transport!);
    }

    /// <summary>
    /// Queues a plain RTP/RTCP packet of <paramref name="transport"/> in the calling thread's send batch, to be
    /// protected and sent at its flush; false when this thread does not batch for this server (send it now).
    /// </summary>
    internal bool TryQueuePlain(ReadOnlySpan<byte> plain, bool rtcp, WebRtcTransport transport) =>
        CurrentBatch() is { } batch && batch.TryAddPlain(plain, rtcp, transport);

    /// <summary>The calling thread's send batch for this server, made on a fan-out worker's first send; or null.</summary>
    private UdpSendBatch? CurrentBatch()
    {
        var batch = UdpSendBatch.Current;
        if (batch is null && UdpSendBatch.GatherOnThisThread && Options.BatchSends && LinuxDatagramSender.IsBatchSupported)
        {
            // A fan-out worker's first send through this server: its batch, made once for the thread's life.
            batch = new UdpSendBatch(this, _udp);
            UdpSendBatch.Current = batch;
            Routing.ForwardingDelayProbe.DeferToFlush = true;
        }

        return batch is not null && ReferenceEquals(batch.Owner, this) ? batch : null;
    }

    private static Socket OpenUdpSocket(MediaServerOptions options, int port, bool reusePort)
    {
        var socket = new Socket(options.ListenAddress.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (options.ListenAddress.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.ReceiveBufferSize = options.UdpReceiveBufferSize;
            socket.SendBufferSize = options.UdpSendBufferSize;
            if (reusePort)
            {
                UdpReusePort.Enable(socket);
            }

            socket.Bind(new IPEndPoint(options.ListenAddress, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool TrySendTo(Socket socket, ReadOnlySpan<byte> datagram, SocketAddress to)
    {
        if (LinuxDatagramSender.IsSupported)
        {
            return LinuxDatagramSender.TrySendTo(socket.SafeHandle, datagram, to);
        }

        try
        {
            socket.SendTo(datagram, SocketFlags.None, to);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private void AcceptLoop()
    {
        while (Volatile.Read(ref _disposed) == 0)
        {
            Socket accepted;
            try
            {
                accepted = _tcpListener!.Accept();
            }
            catch (SocketException)
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    return;
                }

                continue;
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (_tcpConnections.Count >= Options.MaxTcpConnections)
            {
                CountTcpRefused();
                accepted.Dispose();
                continue;
            }

            var connection = new IceTcpConnection(this, accepted);
            _tcpConnections.TryAdd(connection, 0);
            connection.Start();
        }
    }

    private void Housekeep()
    {
        var now = Environment.TickCount64;
        foreach (var transport in _byUfrag.Values)
        {
            try
            {
                transport.CheckTimers(now);
            }
            catch (Exception)
            {
                // A Closed handler that throws must not take the timer thread, and with it the process, down.
                Interlocked.Increment(ref _housekeepingErrors);
            }
        }

        foreach (var connection in _tcpConnections.Keys)
        {
            if (connection.Transport is null && now - connection.AcceptedAt > (long)Options.ConnectTimeout.TotalMilliseconds)
            {
                connection.Dispose();
            }
        }
    }
}
