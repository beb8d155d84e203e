using System.Text.RegularExpressions;
using AnHop.Server.Email;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AnHop.Server.Tests.Email;

public sealed partial class InvitationMailerTests
{
    // A passcode as the host would hold it: the mailer is never given it, and it must not turn up anywhere.
    private const string Passcode = "Kq7-93mXz";

    private static MeetingInvitationEmail Invitation(Uri baseUrl) => new(
        ToAddress: "nguyen.van.an@so-tu-phap.gov.vn",
        ToName: "Nguyễn Văn An",
        Culture: "vi",
        MeetingTitle: "Họp giao ban Sở Tư pháp, quý IV",
        HostName: "Trần Thị Bình",
        StartsAt: new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(7)),
        DurationMinutes: 90,
        JoinUrl: new Uri(baseUrl, "m/abc-defg-hij").ToString(),
        CalendarUid: "7f1c2d9e-meeting@anhop",
        CalendarSequence: 0,
        IsUpdate: false);

    [Fact]
    public async Task A_vietnamese_invitation_arrives_with_text_html_and_a_calendar_request()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var server = await AnHopServer.StartAsync(smtp.ServerArgs);
        var email = Invitation(server.BaseUrl);

        await server.Services.GetRequiredService<InvitationMailer>().SendAsync(email, CancellationToken.None);

        using var message = Assert.Single(smtp.Messages());
        Assert.Equal("Mời họp: Họp giao ban Sở Tư pháp, quý IV", message.Subject);
        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("Nguyễn Văn An", "nguyen.van.an@so-tu-phap.gov.vn"), (to.Name, to.Address));
        Assert.Equal("anhop@test.anhop.vn", Assert.Single(message.From.Mailboxes).Address);

        var text = message.TextBody;
        Assert.Contains("Kính gửi Nguyễn Văn An,", text, StringComparison.Ordinal);
        Assert.Contains("Trần Thị Bình trân trọng mời anh/chị tham dự cuộc họp “Họp giao ban Sở Tư pháp, quý IV”", text, StringComparison.Ordinal);
        Assert.Contains("Thời gian: 09:00 ngày 01/12/2026 (giờ UTC+07:00)", text, StringComparison.Ordinal);
        Assert.Contains("Thời lượng dự kiến: 90 phút", text, StringComparison.Ordinal);
        Assert.Contains($"Đường dẫn vào cuộc họp: {email.JoinUrl}", text, StringComparison.Ordinal);
        Assert.Contains("Thư này không chứa mật mã cuộc họp", text, StringComparison.Ordinal);

        var html = message.HtmlBody ?? "";
        Assert.Contains("<html lang=\"vi\">", html, StringComparison.Ordinal);
        Assert.Contains("Họp giao ban Sở Tư pháp, quý IV", html, StringComparison.Ordinal);
        Assert.Contains("Thư này không chứa mật mã cuộc họp", html, StringComparison.Ordinal);
        Assert.Equal([email.JoinUrl], Links(html));

        var invite = Assert.Single(message.BodyParts.OfType<TextPart>(), p => p.ContentType.MimeType == "text/calendar");
        Assert.Equal("REQUEST", invite.ContentType.Parameters["method"]);
        Assert.Equal("invite.ics", invite.FileName);
        var calendar = Calendar.Load(invite.Text)!;
        Assert.Equal("REQUEST", calendar.Method);
        var meeting = Assert.Single(calendar.Events);
        Assert.Equal(email.CalendarUid, meeting.Uid);
        Assert.Equal(0, meeting.Sequence);
        Assert.Equal(email.MeetingTitle, meeting.Summary);
        Assert.Equal(new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc), meeting.DtStart!.AsUtc);
        Assert.Equal(new DateTime(2026, 12, 1, 3, 30, 0, DateTimeKind.Utc), meeting.DtEnd!.AsUtc);
        Assert.Equal(new Uri(email.JoinUrl), meeting.Url);
        Assert.Equal("Trần Thị Bình", meeting.Organizer!.CommonName);
        Assert.Contains("Thư này không chứa mật mã cuộc họp", meeting.Description, StringComparison.Ordinal);

        Assert.Contains(server.LogLines, line => line.Contains("[6001] Invitation e-mail sent to a mailbox at so-tu-phap.gov.vn", StringComparison.Ordinal));
        SecretScan.AssertAbsent([Passcode, "nguyen.van.an@"], server.LogLines);
        SecretScan.AssertAbsent([Passcode], smtp.AllTexts(), [email.JoinUrl], server.LogLines);
    }

    [Fact]
    public async Task An_english_update_of_an_instant_meeting_starts_now_and_keeps_the_uid()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var server = await AnHopServer.StartAsync(smtp.ServerArgs);
        var email = Invitation(server.BaseUrl) with
        {
            Culture = "en",
            ToName = null,
            MeetingTitle = "Budget <review> & \"Q4\"",
            StartsAt = null,
            DurationMinutes = null,
            CalendarSequence = 3,
            IsUpdate = true,
        };
        var before = DateTime.UtcNow.AddSeconds(-1);

        await server.Services.GetRequiredService<InvitationMailer>().SendAsync(email, CancellationToken.None);

        var after = DateTime.UtcNow.AddSeconds(1);
        using var message = Assert.Single(smtp.Messages());
        Assert.Equal("Meeting changed: Budget <review> & \"Q4\"", message.Subject);
        Assert.Contains("Hello,", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("has changed the meeting “Budget <review> & \"Q4\"”", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("When: the meeting is on now", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("does not contain the meeting passcode", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Budget &lt;review&gt; &amp; &quot;Q4&quot;", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<review>", message.HtmlBody, StringComparison.Ordinal);

        var invite = message.BodyParts.OfType<TextPart>().Single(p => p.ContentType.MimeType == "text/calendar");
        var meeting = Assert.Single(Calendar.Load(invite.Text)!.Events);
        Assert.Equal(email.CalendarUid, meeting.Uid);
        Assert.Equal(3, meeting.Sequence);
        Assert.InRange(meeting.DtStart!.AsUtc, before, after);
        Assert.Equal(TimeSpan.FromHours(1), meeting.DtEnd!.AsUtc - meeting.DtStart.AsUtc);
    }

    [Fact]
    public async Task With_e_mail_off_nothing_is_sent_and_one_line_says_so()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var server = await AnHopServer.StartAsync();
        var mailer = server.Services.GetRequiredService<InvitationMailer>();

        await mailer.SendAsync(Invitation(server.BaseUrl), CancellationToken.None);

        Assert.False(mailer.IsEnabled);
        Assert.Empty(smtp.Messages());
        var line = Assert.Single(server.LogLines, l => l.Contains("[600", StringComparison.Ordinal));
        Assert.Contains("[6000] E-mail is off", line, StringComparison.Ordinal);
        SecretScan.AssertAbsent(["so-tu-phap", "Họp giao ban"], server.LogLines);
    }

    [Fact]
    public async Task An_unreachable_mail_server_is_an_error_logged_with_the_domain_only()
    {
        string port;
        await using (var stopped = await SmtpListener.StartAsync())
        {
            port = stopped.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var server = await AnHopServer.StartAsync(
            "--AnHop:Smtp:Enabled=true", "--AnHop:Smtp:Host=127.0.0.1", $"--AnHop:Smtp:Port={port}", "--AnHop:Smtp:Security=None", "--AnHop:Smtp:FromAddress=anhop@test.anhop.vn");
        var mailer = server.Services.GetRequiredService<InvitationMailer>();

        var ex = await Assert.ThrowsAsync<EmailDeliveryException>(() => mailer.SendAsync(Invitation(server.BaseUrl), CancellationToken.None));

        Assert.DoesNotContain("nguyen.van.an", ex.Message, StringComparison.Ordinal);
        Assert.Contains(server.LogLines, line => line.StartsWith("Warning AnHop.Server.Email.InvitationMailer[6002] Invitation e-mail to a mailbox at so-tu-phap.gov.vn failed: SocketException ConnectionRefused", StringComparison.Ordinal));
        SecretScan.AssertAbsent(["nguyen.van.an"], server.LogLines);
    }

    [Fact]
    public async Task A_join_url_that_is_not_an_absolute_web_address_is_refused_before_sending()
    {
        await using var smtp = await SmtpListener.StartAsync();
        await using var server = await AnHopServer.StartAsync(smtp.ServerArgs);
        var mailer = server.Services.GetRequiredService<InvitationMailer>();

        await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(Invitation(server.BaseUrl) with { JoinUrl = "file://server/share/meeting" }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => mailer.SendAsync(Invitation(server.BaseUrl) with { ToAddress = "not an address" }, CancellationToken.None));
        Assert.Empty(smtp.Messages());
    }

    private static List<string> Links(string html) =>
        Href().Matches(html).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
