namespace AnHop.Core.Meetings;

/// <summary>
/// Admission to one meeting's media and hub, handed to a participant once the meeting layer admits them.
/// It is redeemed once, by one connection; the capabilities it carries are the server's, never the client's.
/// </summary>
public sealed record JoinTicket(
    string MeetingId,
    string ParticipantId,
    string DisplayName,
    Capabilities Capabilities,
    DateTimeOffset ExpiresAt);
