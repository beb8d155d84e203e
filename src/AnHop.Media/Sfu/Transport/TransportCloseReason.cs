namespace AnHop.Media.Sfu.Transport;

/// <summary>Why a <see cref="WebRtcTransport"/> closed.</summary>
public enum TransportCloseReason
{
    /// <summary>Still open.</summary>
    None,

    /// <summary><see cref="WebRtcTransport.Close"/> or Dispose was called.</summary>
    Local,

    /// <summary>No valid connectivity check within the consent timeout (RFC 7675 §5.1).</summary>
    ConsentExpired,

    /// <summary>ICE and DTLS did not both complete within <see cref="MediaServerOptions.ConnectTimeout"/>.</summary>
    ConnectTimeout,

    /// <summary>The DTLS handshake failed (for instance the peer's certificate did not match its fingerprint).</summary>
    DtlsFailed,

    /// <summary>The peer ended DTLS (close_notify or a fatal alert) after it was established.</summary>
    DtlsClosed,

    /// <summary>The ICE-TCP connection the transport used was closed.</summary>
    TcpClosed,

    /// <summary>The server was disposed.</summary>
    ServerClosed,
}
