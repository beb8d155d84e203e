namespace AnHop.Server.Email;

/// <summary>
/// One invitation to send. It has no passcode field on purpose: the passcode reaches invitees from the host by
/// another channel, so a forwarded or leaked e-mail alone does not let anyone in.
/// </summary>
/// <param name="Culture">"vi" or "en"; anything else is written in Vietnamese.</param>
/// <param name="StartsAt">Null for an instant meeting (the calendar entry then starts at the time of sending).</param>
/// <param name="DurationMinutes">Null: one hour in the calendar entry, no duration in the text.</param>
/// <param name="JoinUrl">The only link in the e-mail: the meeting link or the invitee's personal invitation link, never one carrying the passcode. It is not logged.</param>
/// <param name="CalendarUid">Stable per meeting, so an update replaces the entry in the invitee's calendar.</param>
/// <param name="CalendarSequence">Increases with every update of the meeting (0 for the first invitation).</param>
public sealed record MeetingInvitationEmail(
    string ToAddress,
    string? ToName,
    string Culture,
    string MeetingTitle,
    string HostName,
    DateTimeOffset? StartsAt,
    int? DurationMinutes,
    string JoinUrl,
    string CalendarUid,
    int CalendarSequence,
    bool IsUpdate);
