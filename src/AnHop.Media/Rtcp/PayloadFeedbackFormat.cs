namespace AnHop.Media.Rtcp;

/// <summary>FMT values of payload-specific feedback, PT 206 (RFC 4585 §6.3, RFC 5104 §4.3).</summary>
public enum PayloadFeedbackFormat : byte
{
    Unknown = 0,
    PictureLossIndication = 1,
    FullIntraRequest = 4,

    /// <summary>Application layer feedback (RFC 4585 §6.4); REMB travels in it.</summary>
    ApplicationLayer = 15,
}
