namespace AnHop.Media.Rtcp;

/// <summary>
/// RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1). Values outside the list are kept as they are:
/// the compound reader still frames them so that the caller can skip them.
/// </summary>
public enum RtcpPacketType : byte
{
    Unknown = 0,
    SenderReport = 200,
    ReceiverReport = 201,
    SourceDescription = 202,
    Goodbye = 203,
    ApplicationDefined = 204,

    /// <summary>Transport layer feedback, RTPFB (RFC 4585 §6.1).</summary>
    TransportFeedback = 205,

    /// <summary>Payload-specific feedback, PSFB (RFC 4585 §6.1).</summary>
    PayloadFeedback = 206,
}
