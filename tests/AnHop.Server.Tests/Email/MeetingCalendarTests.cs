using AnHop.Server.Email;
using Ical.Net;
using CalendarEvent = AnHop.Server.Email.CalendarEvent;

namespace AnHop.Server.Tests.Email;

public sealed class MeetingCalendarTests
{
    private static readonly CalendarEvent Meeting = new(
        Uid: "7f1c2d9e-meeting@anhop",
        Sequence: 4,
        Title: "Họp giao ban Sở Tư pháp, quý IV",
        Description: "Đường dẫn vào cuộc họp: https://anhop.local/m/abc-defg-hij",
        Start: new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7)),
        Duration: TimeSpan.FromMinutes(90),
        Url: "https://anhop.local/m/abc-defg-hij",
        OrganizerName: "Trần Thị Bình",
        OrganizerEmail: "anhop@so-tu-phap.gov.vn");

    [Fact]
    public void The_event_parses_back_with_uid_sequence_utc_times_url_and_organizer()
    {
        var text = MeetingCalendar.ToICalendar(Meeting);

        var calendar = Calendar.Load(text)!;
        Assert.Equal("REQUEST", calendar.Method);
        var parsed = Assert.Single(calendar.Events);
        Assert.Equal(Meeting.Uid, parsed.Uid);
        Assert.Equal(4, parsed.Sequence);
        Assert.Equal(Meeting.Title, parsed.Summary);
        Assert.Equal(Meeting.Description, parsed.Description);
        Assert.Equal(new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), parsed.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 12, 1, 3, 30, 0, DateTimeKind.Utc), parsed.DtEnd!.AsUtc);
        Assert.Equal(new Uri(Meeting.Url), parsed.Url);
        Assert.Equal(new Uri("mailto:anhop@so-tu-phap.gov.vn"), parsed.Organizer!.Value);
        Assert.Equal("Trần Thị Bình", parsed.Organizer.CommonName);
    }

    [Fact]
    public void Times_are_written_in_utc_without_a_time_zone_block()
    {
        var text = MeetingCalendar.ToICalendar(Meeting, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));

        Assert.Contains("METHOD:REQUEST", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20261201T020000Z", text, StringComparison.Ordinal);
        Assert.Contains("DTEND:20261201T033000Z", text, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:20261125T080000Z", text, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:4", text, StringComparison.Ordinal);
        Assert.DoesNotContain("VTIMEZONE", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_organizer_address_there_is_no_organizer()
    {
        var text = MeetingCalendar.ToICalendar(Meeting with { OrganizerEmail = null });

        Assert.DoesNotContain("ORGANIZER", text, StringComparison.Ordinal);
        Assert.Null(Assert.Single(Calendar.Load(text)!.Events).Organizer);
    }

    [Fact]
    public void A_meeting_without_length_or_with_a_negative_sequence_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MeetingCalendar.ToICalendar(Meeting with { Duration = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeetingCalendar.ToICalendar(Meeting with { Sequence = -1 }));
    }
}
