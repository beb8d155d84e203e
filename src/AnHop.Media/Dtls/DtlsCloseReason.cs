namespace AnHop.Media.Dtls;

/// <summary>Why a DTLS session ended.</summary>
public enum DtlsCloseReason
{
    Unknown = 0,

    /// <summary>The handshake failed or timed out; <see cref="DtlsSession.Handshake"/> holds the exception.</summary>
    HandshakeFailed,

    /// <summary>The peer sent close_notify (RFC 5246 §7.2.1).</summary>
    CloseNotify,

    /// <summary>The peer sent a fatal alert, or a record failed so badly that the connection was failed.</summary>
    FatalAlert,

    /// <summary>This side called <see cref="DtlsSession.Dispose"/>.</summary>
    LocalClose,
}
