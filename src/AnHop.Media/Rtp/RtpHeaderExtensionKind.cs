namespace AnHop.Media.Rtp;

/// <summary>The header extensions the SFU understands, named by what they carry.</summary>
public enum RtpHeaderExtensionKind
{
    Unknown = 0,

    /// <summary>urn:ietf:params:rtp-hdrext:sdes:mid (RFC 8843 §15).</summary>
    Mid,

    /// <summary>urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id (RFC 8852 §3.1).</summary>
    RtpStreamId,

    /// <summary>urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id (RFC 8852 §3.2).</summary>
    RepairedRtpStreamId,

    /// <summary>urn:ietf:params:rtp-hdrext:ssrc-audio-level (RFC 6464).</summary>
    AudioLevel,

    /// <summary>http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time.</summary>
    AbsSendTime,

    /// <summary>http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01.</summary>
    TransportWideSequenceNumber,
}
