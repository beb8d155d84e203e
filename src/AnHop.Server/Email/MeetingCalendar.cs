using Ical.Net;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using IcalEvent = Ical.Net.CalendarComponents.CalendarEvent;

namespace AnHop.Server.Email;

/// <summary>Writes a meeting as an iCalendar REQUEST (RFC 5545/5546), the .ics attached to invitations.</summary>
public static class MeetingCalendar
{
    public const string ProductId = "-//AnHop//AnHop//VI";

    public static string ToICalendar(CalendarEvent e) => ToICalendar(e, DateTimeOffset.UtcNow);

    /// <param name="stamp">DTSTAMP: when this version of the invitation was written.</param>
    public static string ToICalendar(CalendarEvent e, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentOutOfRangeException.ThrowIfNegative(e.Sequence);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(e.Duration, TimeSpan.Zero);

        var meeting = new IcalEvent
        {
            Uid = e.Uid,
            Sequence = e.Sequence,
            Summary = e.Title,
            Description = e.Description,
            DtStamp = Utc(stamp),
            DtStart = Utc(e.Start),
            DtEnd = Utc(e.Start + e.Duration),
            Url = new Uri(e.Url, UriKind.Absolute),
            Status = "CONFIRMED",
        };
        if (e.OrganizerEmail is not null)
        {
            meeting.Organizer = new Organizer("mailto:" + e.OrganizerEmail) { CommonName = e.OrganizerName };
        }

        var calendar = new Calendar { ProductId = ProductId, Method = "REQUEST" };
        calendar.Events.Add(meeting);
        return new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote no calendar text.");
    }

    // Whole seconds in UTC ("...Z"): every calendar client reads that without a VTIMEZONE.
    private static CalDateTime Utc(DateTimeOffset instant)
    {
        var utc = instant.UtcDateTime;
        return new CalDateTime(new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc));
    }
}
