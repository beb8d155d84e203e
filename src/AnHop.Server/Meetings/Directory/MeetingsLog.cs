namespace AnHop.Server.Meetings.Directory;

/// <summary>Meeting directory events (41xx). Never a passcode, token or meeting code: meetings are named by their ID.</summary>
internal static partial class MeetingsLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Meeting {MeetingId} created by {AccountId}")]
    public static partial void MeetingCreated(ILogger logger, Guid meetingId, Guid accountId);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Meeting {MeetingId} updated by {AccountId}")]
    public static partial void MeetingUpdated(ILogger logger, Guid meetingId, Guid accountId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Information, Message = "Meeting {MeetingId} ended by {AccountId}")]
    public static partial void MeetingEnded(ILogger logger, Guid meetingId, Guid accountId);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Meeting {MeetingId} link and passcode rotated by {AccountId}: {Invitations} invitation(s) and {Passes} admission pass(es) revoked")]
    public static partial void MeetingRotated(ILogger logger, Guid meetingId, Guid accountId, int invitations, int passes);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Information, Message = "Meeting {MeetingId}: {Count} invitation(s) issued")]
    public static partial void InvitationsIssued(ILogger logger, Guid meetingId, int count);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information, Message = "Meeting {MeetingId}: invitation {InvitationId} revoked")]
    public static partial void InvitationRevoked(ILogger logger, Guid meetingId, Guid invitationId);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning, Message = "Meeting {MeetingId}: the invitation e-mail {InvitationId} could not be sent")]
    public static partial void InvitationNotSent(ILogger logger, Guid meetingId, Guid invitationId);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Admission to meeting {MeetingId} as {Role} (waiting: {Waiting})")]
    public static partial void Admitted(ILogger logger, Guid meetingId, string role, bool waiting);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Admission refused (meeting known: {Known})")]
    public static partial void AdmissionRefused(ILogger logger, bool known);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Admission throttled for {Partition}")]
    public static partial void AdmissionThrottled(ILogger logger, string partition);
}
