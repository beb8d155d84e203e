using System.Net;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Options;

/// <summary>
/// Checks every setting at start. Each failure names the configuration key, the value seen and what is allowed,
/// so an operator can fix it without reading code.
/// </summary>
public sealed class AnHopOptionsValidator : IValidateOptions<AnHopOptions>
{
    public ValidateOptionsResult Validate(string? name, AnHopOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("AnHop:DataDirectory is empty: give a folder path where AnHop may keep its data.");
        }

        ValidateEndpoint("AnHop:Http", options.Http, failures);
        ValidateEndpoint("AnHop:Https", options.Https, failures);
        if (!options.Http.Enabled && !options.Https.Enabled)
        {
            failures.Add("AnHop:Http:Enabled and AnHop:Https:Enabled are both false: enable at least one.");
        }

        if (options.Https.Enabled && options.Http.Enabled && options.Http.Port != 0 && options.Http.Port == options.Https.Port)
        {
            failures.Add($"AnHop:Http:Port and AnHop:Https:Port are both {options.Http.Port}: use two different ports.");
        }

        if (!string.IsNullOrEmpty(options.Https.CertificatePath) && !File.Exists(options.Https.CertificatePath))
        {
            failures.Add($"AnHop:Https:CertificatePath = '{options.Https.CertificatePath}' does not exist: give a PFX file, or leave it empty for a generated certificate.");
        }

        ValidateMedia(options.Media, failures);
        ValidateSmtp(options.Smtp, failures);
        AddFailures(new AnHop.Server.Accounts.AccountOptionsValidator().Validate(name, options.Accounts), failures);
        AddFailures(new AnHop.Server.Meetings.Directory.MeetingDirectoryOptionsValidator().Validate(name, options.Meetings), failures);
        if (!Enum.IsDefined(options.Database.Provider))
        {
            failures.Add($"AnHop:Database:Provider = '{options.Database.Provider}' is not allowed: use one of {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateMedia(MediaOptions media, List<string> failures)
    {
        if (!IPAddress.TryParse(media.ListenAddress, out _))
        {
            failures.Add($"AnHop:Media:ListenAddress = '{media.ListenAddress}' is not allowed: use an IP address (0.0.0.0 for all interfaces).");
        }

        if (!string.IsNullOrEmpty(media.AnnouncedAddress)
            && (!IPAddress.TryParse(media.AnnouncedAddress, out var announced) || announced.Equals(IPAddress.Any) || announced.Equals(IPAddress.IPv6Any)))
        {
            failures.Add($"AnHop:Media:AnnouncedAddress = '{media.AnnouncedAddress}' is not allowed: use the IP address browsers should send media to, or leave it empty.");
        }

        foreach (var (key, port) in new[] { ("UdpPort", media.UdpPort), ("TcpPort", media.TcpPort) })
        {
            if (port is < 0 or > 65535)
            {
                failures.Add($"AnHop:Media:{key} = {port} is not allowed: use a port from 1 to 65535 (0 picks a free one).");
            }
        }

        if (media.ForwardedLossPercent is < 0 or > 50 || double.IsNaN(media.ForwardedLossPercent))
        {
            failures.Add($"AnHop:Media:ForwardedLossPercent = {media.ForwardedLossPercent} is not allowed: use 0 (off) to 50; it is a test setting.");
        }
    }

    private static void ValidateSmtp(SmtpOptions smtp, List<string> failures)
    {
        if (!smtp.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(smtp.Host) || Uri.CheckHostName(smtp.Host) == UriHostNameType.Unknown)
        {
            failures.Add($"AnHop:Smtp:Host = '{smtp.Host}' is not allowed: give the SMTP server's host name or IP address (or set AnHop:Smtp:Enabled=false).");
        }

        if (smtp.Port is < 1 or > 65535)
        {
            failures.Add($"AnHop:Smtp:Port = {smtp.Port} is not allowed: use a port from 1 to 65535 (587 for StartTls, 465 for SslOnConnect).");
        }

        if (!Enum.IsDefined(smtp.Security))
        {
            failures.Add($"AnHop:Smtp:Security = '{smtp.Security}' is not allowed: use one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}.");
        }

        if (!MimeKit.MailboxAddress.TryParse(smtp.FromAddress, out var from) || from.Address != smtp.FromAddress.Trim() || !from.Address.Contains('@', StringComparison.Ordinal))
        {
            failures.Add($"AnHop:Smtp:FromAddress = '{smtp.FromAddress}' is not allowed: give the sender's e-mail address, e.g. anhop@example.gov.vn.");
        }

        if (string.IsNullOrWhiteSpace(smtp.Username) != string.IsNullOrEmpty(smtp.Password))
        {
            failures.Add("AnHop:Smtp:Username and AnHop:Smtp:Password go together: give both, or neither for a server without authentication.");
        }

        // The password is never shown in a message, only whether it is set.
        if (!string.IsNullOrWhiteSpace(smtp.Username) && smtp.Security == SmtpSecurity.None)
        {
            failures.Add("AnHop:Smtp:Security = 'None' with AnHop:Smtp:Username set would send the password unencrypted: use StartTls or SslOnConnect.");
        }
    }

    private static void ValidateEndpoint(string key, HttpEndpointOptions endpoint, List<string> failures)
    {
        if (endpoint.Port is < 0 or > 65535)
        {
            failures.Add($"{key}:Port = {endpoint.Port} is not allowed: use a port from 1 to 65535 (0 picks a free one).");
        }

        if (!string.Equals(endpoint.Address, "localhost", StringComparison.OrdinalIgnoreCase) && !IPAddress.TryParse(endpoint.Address, out _))
        {
            failures.Add($"{key}:Address = '{endpoint.Address}' is not allowed: use an IP address (0.0.0.0 or :: for all interfaces) or 'localhost'.");
        }
    }

    private static void AddFailures(ValidateOptionsResult result, List<string> failures)
    {
        if (result.Failed)
        {
            failures.AddRange(result.Failures);
        }
    }
}
