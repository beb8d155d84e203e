using System.Net.Sockets;
using AnHop.Server.Options;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Email;

/// <summary>
/// Sends meeting invitations through the SMTP server in AnHop:Smtp. When e-mail is off it logs one line and
/// returns, so meetings work without a mail server; a delivery failure is logged (recipient's domain only)
/// and thrown as <see cref="EmailDeliveryException"/>.
/// </summary>
public sealed class InvitationMailer(
    IOptions<AnHopOptions> options,
    IStringLocalizer<SharedResource> text,
    TimeProvider time,
    ILogger<InvitationMailer> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>False when AnHop:Smtp:Enabled is false: <see cref="SendAsync"/> then sends nothing.</summary>
    public bool IsEnabled => options.Value.Smtp.Enabled;

    public async Task SendAsync(MeetingInvitationEmail email, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(email);
        var smtp = options.Value.Smtp;
        if (!smtp.Enabled)
        {
            EmailLog.Disabled(logger);
            return;
        }

        using var message = InvitationMessage.Build(email, smtp, text, time.GetUtcNow());
        var domain = InvitationMessage.RecipientDomain(message);
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, ToSocketOptions(smtp.Security), ct);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password, ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (IsDeliveryFailure(ex))
        {
            // The exception's own message may quote the server's reply, which can contain the full address.
            EmailLog.Failed(logger, domain, Describe(ex));
            throw new EmailDeliveryException("The invitation e-mail could not be sent: the mail server is unreachable or refused it.", ex);
        }

        EmailLog.Sent(logger, domain);
    }

    private static SecureSocketOptions ToSocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new ArgumentOutOfRangeException(nameof(security), security, "Unknown SMTP security."),
    };

    private static bool IsDeliveryFailure(Exception ex) =>
        ex is CommandException or ProtocolException or AuthenticationException or SslHandshakeException
            or SocketException or IOException or TimeoutException or NotSupportedException;

    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException command => $"{nameof(SmtpCommandException)} {command.ErrorCode}, status {(int)command.StatusCode}",
        SocketException socket => $"{nameof(SocketException)} {socket.SocketErrorCode}",
        _ => ex.GetType().Name,
    };
}
