using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using AnHop.Media.Demux;
using AnHop.Media.Dtls;
using AnHop.Media.Sfu.Transport;
using AnHop.Media.Srtp;
using AnHop.Media.Stun;

namespace AnHop.Media.Peer;

/// <summary>
/// A synthetic WebRTC client for tests and the load generator: a full ICE agent in the controlling role with one
/// host candidate, the DTLS client (a=setup:active), then SRTP, over UDP or ICE-TCP (RFC 6544, RFC 4571 framing).
/// </summary>
/// <remarks>
/// Threading: one receive thread per peer delivers to <see cref="PacketReceived"/>. <see cref="SendRtp"/> and
/// <see cref="SendRtcp"/> may be called from any thread (a lock guards the outbound SRTP context).
/// </remarks>
public sealed class WebRtcPeer : IDisposable
{
    private const int LengthPrefix = 2;
    private const int MaxPacket = 1500;

    private readonly string _remoteUfrag;
    private readonly DtlsFingerprint _remoteFingerprint;
    private readonly IPEndPoint _remoteEndPoint;
    private readonly SocketAddress _remoteAddress;
    private readonly StunIntegrityKey _remoteKey;
    private readonly Socket _socket;
    private readonly byte[] _username;
    private readonly ulong _tiebreaker = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
    private readonly object _sendLock = new();
    private readonly object _receiveLock = new();
    private readonly object _stunLock = new();
    private readonly byte[] _sendBuffer = new byte[LengthPrefix + MaxPacket + 64];
    private readonly TaskCompletionSource _iceSucceeded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private byte[] _pendingTransaction = [];
    private Thread? _receiveThread;
    private Timer? _consentTimer;
    private DtlsSession? _dtls;
    private SrtpContext? _inbound;
    private SrtpContext? _outbound;
    private long _unauthorizedResponses;
    private long _errorResponses;
    private long _successResponses;
    private long _dropped;
    private int _disposed;

    /// <param name="remoteUfrag">The SFU's a=ice-ufrag.</param>
    /// <param name="remotePassword">The SFU's a=ice-pwd; checks are signed with it.</param>
    /// <param name="remoteFingerprint">The SFU's a=fingerprint; the DTLS server's certificate must match it.</param>
    /// <param name="remoteCandidate">The SFU's host candidate (UDP or passive TCP).</param>
    /// <param name="useTcp">Connect over ICE-TCP (active side) instead of UDP.</param>
    /// <param name="certificate">This peer's certificate; a new one when null.</param>
    /// <param name="localAddress">The address the peer's socket binds to (port 0); 127.0.0.1 when null.</param>
    public WebRtcPeer(string remoteUfrag, string remotePassword, DtlsFingerprint remoteFingerprint, IPEndPoint remoteCandidate,
        bool useTcp = false, DtlsCertificate? certificate = null, IPAddress? localAddress = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(remoteUfrag);
        ArgumentException.ThrowIfNullOrEmpty(remotePassword);
        ArgumentNullException.ThrowIfNull(remoteFingerprint);
        ArgumentNullException.ThrowIfNull(remoteCandidate);
        _remoteUfrag = remoteUfrag;
        _remoteFingerprint = remoteFingerprint;
        _remoteEndPoint = remoteCandidate;
        _remoteAddress = remoteCandidate.Serialize();
        _remoteKey = StunIntegrityKey.ShortTerm(remotePassword);
        IsTcp = useTcp;
        Certificate = certificate ?? DtlsCertificate.Generate("AnHop peer");
        LocalUfrag = IceCredentialGenerator.NewUfrag();
        LocalPassword = IceCredentialGenerator.NewPassword();
        _username = Encoding.ASCII.GetBytes($"{remoteUfrag}:{LocalUfrag}");
        _socket = useTcp
            ? new Socket(remoteCandidate.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true }
            : new Socket(remoteCandidate.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(localAddress ?? (remoteCandidate.AddressFamily == AddressFamily.InterNetworkV6
            ? IPAddress.IPv6Loopback : IPAddress.Loopback), 0));
    }

    public bool IsTcp { get; }

    public string LocalUfrag { get; }

    public string LocalPassword { get; }

    public DtlsCertificate Certificate { get; }

    /// <summary>What the SFU must be told as this peer's a=fingerprint.</summary>
    public DtlsFingerprint Fingerprint => Certificate.Fingerprint;

    /// <summary>The peer's own socket address (its host candidate).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    /// <summary>How often a connected peer repeats its check to keep consent (RFC 7675 §5.1 suggests ~5 s); null never.</summary>
    public TimeSpan? ConsentInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long <see cref="ConnectAsync"/> keeps sending checks without a success response.</summary>
    public TimeSpan IceTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>SO_RCVBUF of the peer's socket (capped by the kernel): room for bursts while the receive thread unprotects.</summary>
    public int ReceiveBufferSize { get; init; } = 4 * 1024 * 1024;

    public DtlsHandshakeResult? DtlsResult { get; private set; }

    public bool IsConnected => DtlsResult is not null && Volatile.Read(ref _disposed) == 0;

    public long SuccessResponses => Interlocked.Read(ref _successResponses);

    /// <summary>401 answers received (a wrong password or ufrag).</summary>
    public long UnauthorizedResponses => Interlocked.Read(ref _unauthorizedResponses);

    public long ErrorResponses => Interlocked.Read(ref _errorResponses);

    /// <summary>Datagrams the peer could not use (bad SRTP, unknown kind, no session yet).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Plain RTP and RTCP as they arrive, on the receive thread.</summary>
    public WebRtcPeerPacketHandler? PacketReceived { get; set; }

    /// <summary>ICE (checks with USE-CANDIDATE until one succeeds), then DTLS as client, then SRTP.</summary>
    /// <exception cref="TimeoutException">No check succeeded within <see cref="IceTimeout"/>.</exception>
    /// <exception cref="DtlsHandshakeException">The DTLS handshake failed.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        _socket.ReceiveBufferSize = ReceiveBufferSize;
        if (IsTcp)
        {
            await _socket.ConnectAsync(_remoteEndPoint, cancellationToken).ConfigureAwait(false);
        }

        _receiveThread = new Thread(ReceiveLoop) { IsBackground = true, Name = "AnHop peer receive" };
        _receiveThread.Start();

        var deadline = DateTime.UtcNow + IceTimeout;
        var retransmit = TimeSpan.FromMilliseconds(50);
        while (!_iceSucceeded.Task.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no ICE check succeeded within {IceTimeout.TotalSeconds:0.###} s " +
                    $"({UnauthorizedResponses} unauthorized, {ErrorResponses} error responses)");
            }

            SendCheck();
            await Task.WhenAny(_iceSucceeded.Task, Task.Delay(retransmit, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            retransmit = TimeSpan.FromMilliseconds(Math.Min(500, retransmit.TotalMilliseconds * 2));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var session = DtlsSession.StartClient(Certificate, _remoteFingerprint, SendRaw);
        Volatile.Write(ref _dtls, session);
        var result = await session.Handshake.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_receiveLock)
        {
            _inbound = SrtpContext.CreateInbound(result.Keys);
        }

        lock (_sendLock)
        {
            _outbound = SrtpContext.CreateOutbound(result.Keys);
        }

        DtlsResult = result;
        if (ConsentInterval is { } interval)
        {
            // The first refresh goes at once: the handshake may have taken a good part of the SFU's consent timeout.
            _consentTimer = new Timer(static state => ((WebRtcPeer)state!).SendCheck(), this, TimeSpan.Zero, interval);
        }
    }

    /// <summary>Protects the plain RTP packet in <c>buffer[..length]</c> in place (needs 16 spare bytes) and sends it.</summary>
    public bool SendRtp(Span<byte> buffer, int length) => Protect(buffer, length, rtcp: false);

    /// <summary>As <see cref="SendRtp"/>, for a plain RTCP compound packet (needs 20 spare bytes).</summary>
    public bool SendRtcp(Span<byte> buffer, int length) => Protect(buffer, length, rtcp: true);

    /// <summary>Sends bytes as they are, from this peer's socket (framed on TCP): for DTLS and for hostile tests.</summary>
    public void SendRaw(ReadOnlySpan<byte> datagram)
    {
        lock (_sendLock)
        {
            SendLocked(datagram);
        }
    }

    /// <summary>Sends one ICE connectivity check now (also what the consent timer does).</summary>
    public void SendCheck()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        Span<byte> transaction = stackalloc byte[StunMessage.TransactionIdLength];
        RandomNumberGenerator.Fill(transaction);
        lock (_stunLock)
        {
            _pendingTransaction = transaction.ToArray();
        }

        // RFC 8445 §7.1: USERNAME "remote:local", PRIORITY, ICE-CONTROLLING, USE-CANDIDATE (aggressive nomination
        // suits a lite peer), MESSAGE-INTEGRITY under the remote password, FINGERPRINT.
        Span<byte> request = stackalloc byte[256];
        var writer = new StunMessageWriter(request);
        var written = writer.TryWriteHeader(StunMessageType.BindingRequest, transaction)
            && writer.TryAddUsername(_username)
            && writer.TryAddPriority(HostPriority)
            && writer.TryAddIceControlling(_tiebreaker)
            && writer.TryAddUseCandidate()
            && writer.TryAddMessageIntegrity(_remoteKey)
            && writer.TryAddFingerprint();
        if (written)
        {
            SendRaw(writer.Written);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _consentTimer?.Dispose();
        _stop.Cancel();
        Volatile.Read(ref _dtls)?.Dispose();
        _socket.Dispose();
        _receiveThread?.Join(TimeSpan.FromSeconds(2));
        lock (_receiveLock)
        {
            _inbound?.Dispose();
            _inbound = null;
        }

        lock (_sendLock)
        {
            _outbound?.Dispose();
            _outbound = null;
        }

        _remoteKey.Dispose();
        _stop.Dispose();
        _iceSucceeded.TrySetCanceled();
    }

    // RFC 8445 §5.1.2.1: type preference 126 (host), local preference 65535, component 1.
    private static uint HostPriority => (126u << 24) | (65535u << 8) | (256u - 1);

    private bool Protect(Span<byte> buffer, int length, bool rtcp)
    {
        lock (_sendLock)
        {
            if (_outbound is null || (uint)length > (uint)buffer.Length)
            {
                return false;
            }

            int wire;
            var ok = rtcp ? _outbound.ProtectRtcp(buffer, length, out wire) : _outbound.ProtectRtp(buffer, length, out wire);
            return ok && SendLocked(buffer[..wire]);
        }
    }

    private bool SendLocked(ReadOnlySpan<byte> datagram)
    {
        try
        {
            if (!IsTcp)
            {
                _socket.SendTo(datagram, SocketFlags.None, _remoteAddress);
                return true;
            }

            if (datagram.Length > MaxPacket + 64)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt16BigEndian(_sendBuffer, (ushort)datagram.Length);
            datagram.CopyTo(_sendBuffer.AsSpan(LengthPrefix));
            var total = LengthPrefix + datagram.Length;
            var sent = 0;
            while (sent < total)
            {
                sent += _socket.Send(_sendBuffer, sent, total - sent, SocketFlags.None);
            }

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

    private void ReceiveLoop()
    {
        var buffer = new byte[LengthPrefix + ushort.MaxValue];
        var from = new SocketAddress(_socket.AddressFamily);
        try
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                int length;
                if (IsTcp)
                {
                    if (!ReceiveExactly(buffer.AsSpan(0, LengthPrefix)))
                    {
                        return;
                    }

                    length = BinaryPrimitives.ReadUInt16BigEndian(buffer);
                    if (!ReceiveExactly(buffer.AsSpan(0, length)))
                    {
                        return;
                    }
                }
                else
                {
                    length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                }

                Handle(buffer.AsSpan(0, length));
            }
        }
        catch (SocketException)
        {
            // Closed by Dispose, or reset by the SFU.
        }
        catch (ObjectDisposedException)
        {
            // Closed by Dispose.
        }
    }

    private bool ReceiveExactly(Span<byte> destination)
    {
        var read = 0;
        while (read < destination.Length)
        {
            var n = _socket.Receive(destination[read..], SocketFlags.None);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }

    private void Handle(Span<byte> datagram)
    {
        var kind = PacketClassifier.Classify(datagram);
        switch (kind)
        {
            case PacketKind.Stun:
                HandleStunResponse(datagram);
                break;
            case PacketKind.Dtls:
                if (Volatile.Read(ref _dtls) is not { } session || !session.Enqueue(datagram))
                {
                    Interlocked.Increment(ref _dropped);
                }

                break;
            case PacketKind.Rtp:
            case PacketKind.Rtcp:
                HandleMedia(kind, datagram);
                break;
            default:
                Interlocked.Increment(ref _dropped);
                break;
        }
    }

    private void HandleMedia(PacketKind kind, Span<byte> datagram)
    {
        bool ok;
        int plain;
        lock (_receiveLock)
        {
            if (_inbound is null)
            {
                Interlocked.Increment(ref _dropped);
                return;
            }

            ok = kind == PacketKind.Rtp ? _inbound.UnprotectRtp(datagram, out plain) : _inbound.UnprotectRtcp(datagram, out plain);
        }

        if (!ok)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        PacketReceived?.Invoke(kind, datagram[..plain]);
    }

    private void HandleStunResponse(ReadOnlySpan<byte> datagram)
    {
        if (!StunMessage.TryParse(datagram, out var message) || !message.VerifyFingerprint())
        {
            Interlocked.Increment(ref _dropped);
            return;
        }

        lock (_stunLock)
        {
            if (!message.TransactionId.SequenceEqual(_pendingTransaction))
            {
                Interlocked.Increment(ref _dropped);
                return;
            }
        }

        if (message.Class == StunClass.SuccessResponse && message.VerifyMessageIntegrity(_remoteKey))
        {
            Interlocked.Increment(ref _successResponses);
            _iceSucceeded.TrySetResult();
            return;
        }

        if (message.Class == StunClass.ErrorResponse && message.TryGetErrorCode(out var error))
        {
            Interlocked.Increment(ref _errorResponses);
            if (error.Code == StunErrorCode.Unauthorized)
            {
                Interlocked.Increment(ref _unauthorizedResponses);
            }

            return;
        }

        Interlocked.Increment(ref _dropped);
    }
}
