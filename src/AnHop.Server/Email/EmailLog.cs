namespace AnHop.Server.Email;

/// <summary>E-mail log messages (6xxx). They name the recipient's domain only, never the mailbox or the contents.</summary>
internal static partial class EmailLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "E-mail is off (AnHop:Smtp:Enabled=false): an invitation was not sent")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Invitation e-mail sent to a mailbox at {Domain}")]
    public static partial void Sent(ILogger logger, string domain);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Invitation e-mail to a mailbox at {Domain} failed: {Failure}")]
    public static partial void Failed(ILogger logger, string domain, string failure);
}
