namespace AnHop.Media.Sfu.Transport;

/// <summary>Why a packet was dropped; each reason is a counter, never a log line per packet.</summary>
public enum TransportDropReason
{
    /// <summary>From an address no transport has bound, or STUN naming no known ufrag.</summary>
    UnknownSource,

    /// <summary>Not STUN, DTLS, RTP or RTCP (RFC 7983), or too short for its kind.</summary>
    Unclassified,

    /// <summary>A STUN message the ICE-lite responder refused (malformed, bad integrity, not a request…).</summary>
    IceRejected,

    /// <summary>SRTP/SRTCP tag did not authenticate, or the packet was malformed for SRTP.</summary>
    SrtpAuthFailure,

    /// <summary>SRTP/SRTCP index already seen or older than the replay window.</summary>
    Replay,

    /// <summary>Media before DTLS completed (or after close), or DTLS before the remote fingerprint is known.</summary>
    NotConnected,

    /// <summary>Dropped on purpose by <see cref="MediaServerOptions.ForwardedLossPercent"/>.</summary>
    LossInjection,

    /// <summary>An outgoing packet that could not be protected (no room, too many SSRCs…).</summary>
    ProtectFailure,

    /// <summary>The socket or TCP connection refused the send.</summary>
    SendFailure,

    /// <summary>The DTLS queue was full.</summary>
    DtlsQueueFull,

    /// <summary>The sink threw; the packet is lost, the receive loop goes on.</summary>
    SinkFailure,
}
