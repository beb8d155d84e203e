using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using AnHop.Server.Localization;
using AnHop.Server.Options;
using Microsoft.Extensions.Localization;
using MimeKit;
using MimeKit.Utils;

namespace AnHop.Server.Email;

/// <summary>
/// Writes an invitation as MIME: text and HTML alternatives in the invitee's language, and the .ics as
/// text/calendar; method=REQUEST. The only link is the join URL; the passcode is never part of it.
/// </summary>
internal static class InvitationMessage
{
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(1);

    // Encodes only what HTML needs, so Vietnamese letters stay readable in the source.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    public static MimeMessage Build(MeetingInvitationEmail email, SmtpOptions smtp, IStringLocalizer text, DateTimeOffset now)
    {
        if (!Uri.TryCreate(email.JoinUrl, UriKind.Absolute, out var join) || (join.Scheme != Uri.UriSchemeHttps && join.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The join URL must be an absolute http(s) URL.", nameof(email));
        }

        if (!MailboxAddress.TryParse(email.ToAddress, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("The recipient is not an e-mail address.", nameof(email));
        }

        var culture = CultureInfo.GetCultureInfo(Cultures.IsSupported(email.Culture) ? email.Culture : Cultures.Default);
        var lines = Localized(culture, () => Lines.Of(email, text, culture));
        var from = new MailboxAddress(smtp.FromName, smtp.FromAddress);
        if (!string.IsNullOrWhiteSpace(email.ToName))
        {
            to.Name = email.ToName;
        }

        var calendar = MeetingCalendar.ToICalendar(
            new CalendarEvent(
                email.CalendarUid,
                email.CalendarSequence,
                email.MeetingTitle,
                string.Join("\n", lines.Calendar),
                email.StartsAt ?? now,
                email.DurationMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : DefaultDuration,
                email.JoinUrl,
                email.HostName,
                smtp.FromAddress),
            now);

        var alternatives = new MultipartAlternative
        {
            new TextPart("plain") { Text = string.Join("\n", lines.Body) + "\n" },
            new TextPart("html") { Text = ToHtml(lines, email.JoinUrl, culture) },
        };
        var invite = new TextPart("calendar") { Text = calendar };
        invite.ContentType.Parameters.Add("method", "REQUEST");
        invite.ContentType.Name = "invite.ics";
        invite.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" };
        invite.ContentTransferEncoding = ContentEncoding.Base64;

        var message = new MimeMessage
        {
            Subject = lines.Subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(from.Domain),
            Body = new Multipart("mixed") { alternatives, invite },
        };
        message.From.Add(from);
        message.To.Add(to);
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add(HeaderId.ContentLanguage, culture.Name);
        return message;
    }

    /// <summary>The part after '@' of the first recipient: all that logs may say about who was mailed.</summary>
    public static string RecipientDomain(MimeMessage message) =>
        message.To.Mailboxes.FirstOrDefault()?.Domain ?? "?";

    private static T Localized<T>(CultureInfo culture, Func<T> build)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return build();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private static string ToHtml(Lines lines, string joinUrl, CultureInfo culture)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{culture.Name}\"><head><meta charset=\"utf-8\"><title>{Html.Encode(lines.Subject)}</title></head>")
            .Append("<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1f2933\">");
        foreach (var paragraph in lines.Intro)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{Html.Encode(paragraph)}</p>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{Html.Encode(joinUrl)}\" style=\"display:inline-block;padding:10px 18px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:4px\">{Html.Encode(lines.JoinButton)}</a></p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:13px\">{Html.Encode(joinUrl)}</p>")
            .Append(CultureInfo.InvariantCulture, $"<p><strong>{Html.Encode(lines.Passcode)}</strong></p>")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:12px;color:#52606d\">{Html.Encode(lines.Footer)}</p>")
            .Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The localised sentences, written once and laid out as text, HTML and calendar description.</summary>
    private sealed record Lines(string Subject, IReadOnlyList<string> Intro, string JoinLine, string JoinButton, string Passcode, string Footer)
    {
        public IEnumerable<string> Body => [.. Intro, "", JoinLine, "", Passcode, "", "--", Footer];

        public IEnumerable<string> Calendar => [JoinLine, Passcode];

        public static Lines Of(MeetingInvitationEmail email, IStringLocalizer text, CultureInfo culture)
        {
            var intro = new List<string>
            {
                string.IsNullOrWhiteSpace(email.ToName) ? text["Email.GreetingNoName"] : text["Email.Greeting", email.ToName],
                text[email.IsUpdate ? "Email.Updated" : "Email.Invited", email.HostName, email.MeetingTitle],
                email.StartsAt is { } start
                    ? text["Email.StartsAt", start.ToString(text["Email.DateFormat"], culture)]
                    : text["Email.StartsNow"],
            };
            if (email.DurationMinutes is { } minutes)
            {
                intro.Add(text["Email.Duration", minutes.ToString(culture)]);
            }

            return new Lines(
                text[email.IsUpdate ? "Email.Subject.Updated" : "Email.Subject.Invited", email.MeetingTitle],
                intro,
                text["Email.JoinLink", email.JoinUrl],
                text["Email.JoinButton"],
                text["Email.Passcode"],
                text["Email.Footer"]);
        }
    }
}
