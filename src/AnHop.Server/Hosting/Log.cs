namespace AnHop.Server.Hosting;

/// <summary>Structured log messages with stable event IDs (1xxx host, 2xxx setup, 3xxx security).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "AnHop {Version} listening on {Url}")]
    public static partial void Listening(ILogger logger, string version, string url);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database ready ({Provider}), {Count} migration(s) applied")]
    public static partial void DatabaseReady(ILogger logger, string provider, int count);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Generated a self-signed HTTPS certificate for {Hosts}, kept in {Path}")]
    public static partial void CertificateGenerated(ILogger logger, string hosts, string path);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "HTTPS certificate {Thumbprint} loaded from {Path}, valid until {NotAfter:u}")]
    public static partial void CertificateLoaded(ILogger logger, string thumbprint, string path, DateTime notAfter);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning, Message = "No administrator exists yet: a one-time set-up link was printed on the console (valid until {ExpiresAt:u})")]
    public static partial void SetupTokenIssued(ILogger logger, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "First administrator {UserId} created; the set-up link is gone")]
    public static partial void FirstAdministratorCreated(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "A set-up attempt with an invalid or expired token was refused")]
    public static partial void SetupTokenRefused(ILogger logger);
}
