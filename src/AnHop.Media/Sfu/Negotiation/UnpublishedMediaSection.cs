namespace AnHop.Media.Sfu.Negotiation;

/// <summary>An offered m-line the SFU does not receive on.</summary>
/// <param name="Mid">Its mid, or null when it had none.</param>
/// <param name="Media">audio, video, application…</param>
/// <param name="Rejected">True when answered with port 0 (RFC 8829 §5.3.1); false when answered a=inactive.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record UnpublishedMediaSection(string? Mid, string Media, bool Rejected, string Reason);
