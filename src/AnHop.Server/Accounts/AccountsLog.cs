namespace AnHop.Server.Accounts;

/// <summary>Account events (3xxx). Never an e-mail typed at sign-in, a password, a code or a token: only ids.</summary>
internal static partial class AccountsLog
{
    [LoggerMessage(EventId = 3000, Level = LogLevel.Information, Message = "User {UserId} signed in, session {SessionId}")]
    public static partial void SignedIn(ILogger logger, Guid userId, Guid sessionId);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "A sign-in attempt failed")]
    public static partial void SignInFailed(ILogger logger);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "User {UserId} is locked out after repeated failures")]
    public static partial void LockedOut(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "Sign-in throttled for one account")]
    public static partial void AccountThrottled(ILogger logger);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, Guid sessionId, Guid userId, string reason);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "User {UserId} changed their password; {Count} other session(s) revoked")]
    public static partial void PasswordChanged(ILogger logger, Guid userId, int count);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "User {UserId} turned on two-factor sign-in")]
    public static partial void TwoFactorEnabled(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Information, Message = "User {UserId} turned off two-factor sign-in")]
    public static partial void TwoFactorDisabled(ILogger logger, Guid userId);

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "User {UserId} signed in with a recovery code; {Left} left")]
    public static partial void RecoveryCodeUsed(ILogger logger, Guid userId, int left);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "Administrator {AdminId} created account {UserId}")]
    public static partial void AccountCreated(ILogger logger, Guid adminId, Guid userId);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Information, Message = "Administrator {AdminId} required account {UserId} to change its password")]
    public static partial void PasswordChangeForced(ILogger logger, Guid adminId, Guid userId);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "Administrator {AdminId} unlocked account {UserId}")]
    public static partial void AccountUnlocked(ILogger logger, Guid adminId, Guid userId);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Warning, Message = "Breached-password list not readable at {Path}; passwords are not checked against it")]
    public static partial void BreachedListUnreadable(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 3013, Level = LogLevel.Information, Message = "User {UserId} replaced their recovery codes ({Count} new; the old ones no longer work)")]
    public static partial void RecoveryCodesReplaced(ILogger logger, Guid userId, int count);
}
