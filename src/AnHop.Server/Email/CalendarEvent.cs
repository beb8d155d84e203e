namespace AnHop.Server.Email;

/// <summary>A meeting as an iCalendar event; <see cref="MeetingCalendar"/> writes it.</summary>
/// <param name="Uid">Stable per meeting: calendars match updates to the entry by it.</param>
/// <param name="Sequence">0 for the first invitation, one more for each update.</param>
/// <param name="OrganizerEmail">Null: the event has no ORGANIZER (calendars then show it as read-only).</param>
public sealed record CalendarEvent(
    string Uid,
    int Sequence,
    string Title,
    string? Description,
    DateTimeOffset Start,
    TimeSpan Duration,
    string Url,
    string OrganizerName,
    string? OrganizerEmail);
