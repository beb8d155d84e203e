using AnHop.Media.Dtls;

namespace AnHop.Media.Sfu.Negotiation;

/// <summary>The SFU's answer on a publisher's send connection, and what the SFU learned from the offer.</summary>
/// <param name="Sdp">The answer, CRLF text, for the browser's setRemoteDescription.</param>
/// <param name="RemoteIceUfrag">The browser's ice-ufrag: its STUN checks carry "sfuUfrag:browserUfrag".</param>
/// <param name="RemoteIcePwd">The browser's ice-pwd (the SFU, ICE-lite, never checks with it but may verify responses).</param>
/// <param name="RemoteFingerprint">The certificate fingerprint the browser's DTLS client must present.</param>
/// <param name="Tracks">One producer candidate per m-line answered recvonly, in m-line order.</param>
/// <param name="Unpublished">The m-lines answered inactive or rejected, with why.</param>
public sealed record PublishAnswer(
    string Sdp,
    string RemoteIceUfrag,
    string RemoteIcePwd,
    DtlsFingerprint RemoteFingerprint,
    IReadOnlyList<PublishedTrack> Tracks,
    IReadOnlyList<UnpublishedMediaSection> Unpublished);

/// <summary>An m-line the SFU will receive: its RTP parameters and the msid the meeting layer maps to a track.</summary>
/// <param name="Parameters">Mid, chosen codec (+RTX), encodings, header extensions with the offer's ids, and cname.</param>
/// <param name="StreamId">The msid stream id (RFC 8830 §2), or null when the offer had none.</param>
/// <param name="TrackId">The msid track id (appdata), or null.</param>
public sealed record PublishedTrack(RtpParameters Parameters, string? StreamId, string? TrackId)
{
    public string Mid => Parameters.Mid;

    public MediaKind Kind => Parameters.Kind;

    /// <summary>Whether the publisher sends simulcast layers identified by rid (RFC 8853).</summary>
    public bool IsSimulcast => Parameters.Encodings.Count > 1 || Parameters.Encodings.Any(encoding => encoding.Rid is not null);
}

/// <summary>An offered m-line the SFU does not receive on.</summary>
/// <param name="Mid">Its mid, or null when it had none.</param>
/// <param name="Media">audio, video, application…</param>
/// <param name="Rejected">True when answered with port 0 (RFC 8829 §5.3.1); false when answered a=inactive.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record UnpublishedMediaSection(string? Mid, string Media, bool Rejected, string Reason);
