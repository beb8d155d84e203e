namespace AnHop.Media.Sfu;

/// <summary>
/// The routing layer's view of a transport (a WebRtcTransport: ICE-lite + DTLS + SRTP over one 5-tuple).
/// Packets cross this boundary in plain text; the transport protects what it sends and unprotects what it delivers.
/// </summary>
public interface IMediaTransport
{
    /// <summary>Bytes the transport may append when protecting (SRTP/SRTCP tag and index).</summary>
    public const int MaxProtectionOverhead = 32;

    string Id { get; }

    bool IsConnected { get; }

    /// <summary>Receives this transport's plain RTP and RTCP; set once by the router.</summary>
    IMediaTransportSink? Sink { get; set; }

    /// <summary>
    /// Protects the plain RTP packet in <c>buffer[..length]</c> in place and sends it. The buffer belongs to the
    /// caller, is overwritten, and must have at least <see cref="MaxProtectionOverhead"/> spare bytes after length.
    /// Returns false (and counts a drop) when not connected or the packet cannot be protected. Never throws.
    /// </summary>
    bool SendRtp(Span<byte> buffer, int length);

    /// <summary>As <see cref="SendRtp"/>, for a plain RTCP (compound) packet.</summary>
    bool SendRtcp(Span<byte> buffer, int length);

    /// <summary>Closes at once: no more packets either way; raises <see cref="Closed"/> once.</summary>
    void Close();

    event EventHandler? Closed;
}

/// <summary>Where a transport delivers what it received. Spans are valid only during the call.</summary>
public interface IMediaTransportSink
{
    void OnRtp(IMediaTransport transport, Span<byte> packet);

    void OnRtcp(IMediaTransport transport, Span<byte> packet);
}
