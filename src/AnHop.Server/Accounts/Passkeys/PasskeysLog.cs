namespace AnHop.Server.Accounts.Passkeys;

/// <summary>Passkey events (32xx, in the accounts range). Ids only: never a challenge, a credential id or a key.</summary>
internal static partial class PasskeysLog
{
    [LoggerMessage(EventId = 3200, Level = LogLevel.Information, Message = "User {UserId} added passkey {PasskeyId}")]
    public static partial void Added(ILogger logger, Guid userId, Guid passkeyId);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information, Message = "User {UserId} removed passkey {PasskeyId}")]
    public static partial void Removed(ILogger logger, Guid userId, Guid passkeyId);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Information, Message = "User {UserId} passed the second factor with passkey {PasskeyId}")]
    public static partial void SignedIn(ILogger logger, Guid userId, Guid passkeyId);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "A passkey registration by user {UserId} was refused: {Reason}")]
    public static partial void RegistrationRefused(ILogger logger, Guid userId, string reason);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "A passkey sign-in step for user {UserId} was refused: {Reason}")]
    public static partial void AssertionRefused(ILogger logger, Guid userId, string reason);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning,
        Message = "Passkey {PasskeyId} of user {UserId} answered with signature counter {Received}, not above the stored {Stored}: refused (a cloned authenticator?)")]
    public static partial void CounterWentBack(ILogger logger, Guid passkeyId, Guid userId, uint received, uint stored);
}
