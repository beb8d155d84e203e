using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AnHop.Media.Stun;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// One accepted ICE-TCP connection (RFC 6544, passive side). Packets travel in RFC 4571 frames:
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// ---------------------------------------------------------------
/// |             LENGTH            |  STUN, DTLS, RTP or RTCP    |
/// ---------------------------------------------------------------
/// </code>
/// A dedicated thread reads frames into one buffer of <see cref="MediaServerOptions.MaxTcpFrameLength"/> bytes
/// and feeds the server's demux; a frame longer than that, or anything but STUN before a valid check, closes the
/// connection. Sends are serialised by a lock and framed into one reused buffer.
/// </summary>
internal sealed class IceTcpConnection : IDisposable
{
    private const int LengthPrefix = 2;

    private readonly MediaServer _server;
    private readonly Socket _socket;
    private readonly byte[] _receive;
    private readonly byte[] _send;
    private readonly object _sendLock = new();
    private WebRtcTransport? _transport;
    private int _closed;

    public IceTcpConnection(MediaServer server, Socket socket)
    {
        _server = server;
        _socket = socket;
        var options = server.Options;
        socket.NoDelay = true;
        socket.ReceiveBufferSize = options.TcpReceiveBufferSize;
        socket.SendBufferSize = options.TcpSendBufferSize;
        socket.SendTimeout = (int)options.TcpSendTimeout.TotalMilliseconds;
        _receive = new byte[options.MaxTcpFrameLength];
        // Bounded like the receive side: a packet the router may send (an MTU plus the SRTP trailer) and no more.
        _send = new byte[LengthPrefix + Math.Max(options.MaxTcpFrameLength, 1500) + IMediaTransport.MaxProtectionOverhead];
        Remote = socket.RemoteEndPoint is IPEndPoint endPoint ? StunAddress.FromEndPoint(endPoint) : default;
        AcceptedAt = Environment.TickCount64;
    }

    public StunAddress Remote { get; }

    public long AcceptedAt { get; }

    /// <summary>The transport a valid check on this connection bound it to; null before.</summary>
    public WebRtcTransport? Transport => Volatile.Read(ref _transport);

    public void Start()
    {
        if (Remote.Family == StunAddressFamily.Unknown)
        {
            Dispose();
            return;
        }

        new Thread(ReadLoop) { IsBackground = true, Name = "AnHop media ICE-TCP connection" }.Start();
    }

    public void Bind(WebRtcTransport transport) => Interlocked.CompareExchange(ref _transport, transport, null);

    /// <summary>Sends one framed packet; false (and the connection closes) when the peer does not take it in time.</summary>
    public bool TrySend(ReadOnlySpan<byte> packet)
    {
        if (packet.Length > _send.Length - LengthPrefix)
        {
            return false;
        }

        var failed = false;
        lock (_sendLock)
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                return false;
            }

            BinaryPrimitives.WriteUInt16BigEndian(_send, (ushort)packet.Length);
            packet.CopyTo(_send.AsSpan(LengthPrefix));
            try
            {
                var total = LengthPrefix + packet.Length;
                var sent = 0;
                while (sent < total)
                {
                    sent += _socket.Send(_send, sent, total - sent, SocketFlags.None);
                }
            }
            catch (SocketException)
            {
                failed = true;
            }
            catch (ObjectDisposedException)
            {
                failed = true;
            }
        }

        if (failed)
        {
            // A timed-out send may have written half a frame: the stream cannot be resynchronised. Closing the
            // socket ends the read loop, which tells the transport.
            CloseSocket();
        }

        return !failed;
    }

    public void Dispose() => CloseSocket();

    private void CloseSocket()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer; disposing is all that is left.
        }
        catch (ObjectDisposedException)
        {
            // Already gone.
        }

        _socket.Dispose();
    }

    private void ReadLoop()
    {
        Span<byte> prefix = stackalloc byte[LengthPrefix];
        try
        {
            while (Volatile.Read(ref _closed) == 0)
            {
                if (!ReceiveExactly(prefix))
                {
                    break;
                }

                var length = BinaryPrimitives.ReadUInt16BigEndian(prefix);
                if (length == 0 || length > _receive.Length)
                {
                    _server.CountTcpRefused();
                    break;
                }

                var frame = _receive.AsSpan(0, length);
                if (!ReceiveExactly(frame))
                {
                    break;
                }

                Routing.ForwardingDelayProbe.MarkReceived();
                if (!ProcessFrame(frame))
                {
                    break;
                }
            }
        }
        catch (SocketException)
        {
            // Reset by the peer or closed by us.
        }
        catch (ObjectDisposedException)
        {
            // Closed by us.
        }

        CloseSocket();
        _server.OnTcpConnectionClosed(this);
        Transport?.OnTcpConnectionClosed(this);
    }

    private bool ProcessFrame(Span<byte> frame)
    {
        try
        {
            if (_server.ProcessTcpFrame(frame, this))
            {
                return true;
            }

            return false;
        }
        catch (Exception ex) when (ex is not (SocketException or ObjectDisposedException))
        {
            // As on UDP: one frame must not end the server; it ends only this connection.
            return false;
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
}
