namespace AnHop.Media.Sfu.Negotiation;

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
