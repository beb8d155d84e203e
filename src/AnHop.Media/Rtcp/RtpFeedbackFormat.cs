namespace AnHop.Media.Rtcp;

/// <summary>FMT values of transport layer feedback, PT 205 (RFC 4585 §6.2; draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).</summary>
public enum RtpFeedbackFormat : byte
{
    Unknown = 0,
    GenericNack = 1,
    TransportWideCc = 15,
}
