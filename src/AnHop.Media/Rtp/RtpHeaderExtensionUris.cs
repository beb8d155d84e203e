namespace AnHop.Media.Rtp;

/// <summary>The a=extmap URIs (RFC 8285 §5) of the extensions in <see cref="RtpHeaderExtensionKind"/>.</summary>
public static class RtpHeaderExtensionUris
{
    public const string Mid = "urn:ietf:params:rtp-hdrext:sdes:mid";
    public const string RtpStreamId = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
    public const string RepairedRtpStreamId = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
    public const string AudioLevel = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
    public const string AbsSendTime = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
    public const string TransportWideSequenceNumber = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";

    /// <summary>The kind named by an extmap URI; <see cref="RtpHeaderExtensionKind.Unknown"/> for any other URI.</summary>
    public static RtpHeaderExtensionKind KindOf(ReadOnlySpan<char> uri) => uri switch
    {
        Mid => RtpHeaderExtensionKind.Mid,
        RtpStreamId => RtpHeaderExtensionKind.RtpStreamId,
        RepairedRtpStreamId => RtpHeaderExtensionKind.RepairedRtpStreamId,
        AudioLevel => RtpHeaderExtensionKind.AudioLevel,
        AbsSendTime => RtpHeaderExtensionKind.AbsSendTime,
        TransportWideSequenceNumber => RtpHeaderExtensionKind.TransportWideSequenceNumber,
        _ => RtpHeaderExtensionKind.Unknown,
    };

    public static string? UriOf(RtpHeaderExtensionKind kind) => kind switch
    {
        RtpHeaderExtensionKind.Mid => Mid,
        RtpHeaderExtensionKind.RtpStreamId => RtpStreamId,
        RtpHeaderExtensionKind.RepairedRtpStreamId => RepairedRtpStreamId,
        RtpHeaderExtensionKind.AudioLevel => AudioLevel,
        RtpHeaderExtensionKind.AbsSendTime => AbsSendTime,
        RtpHeaderExtensionKind.TransportWideSequenceNumber => TransportWideSequenceNumber,
        _ => null,
    };
}
