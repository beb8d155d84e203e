namespace AnHop.Server.Meetings;

/// <summary>Live-meeting log events (5xxx). Ids only: never a pass, ticket, token or chat text.</summary>
internal static partial class LiveLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "Knock in meeting {MeetingId}: waiter {WaiterId} waits")]
    public static partial void Knocked(ILogger logger, string meetingId, string waiterId);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Participant {ParticipantId} admitted to meeting {MeetingId}")]
    public static partial void Admitted(ILogger logger, string meetingId, string participantId);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Participant {ParticipantId} put out of meeting {MeetingId} ({Reason})")]
    public static partial void Removed(ILogger logger, string meetingId, string participantId, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Information, Message = "Meeting {MeetingId} ended for all")]
    public static partial void Ended(ILogger logger, string meetingId);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "{Action} refused in meeting {MeetingId}: {Problem}")]
    public static partial void Refused(ILogger logger, string action, string meetingId, string problem);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Information, Message = "Live room of meeting {MeetingId} let go (empty or ended)")]
    public static partial void Released(ILogger logger, string meetingId);
}
