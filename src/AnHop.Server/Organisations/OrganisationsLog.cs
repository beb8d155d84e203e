namespace AnHop.Server.Organisations;

/// <summary>Organisation and policy changes (event IDs 40xx, within the meetings range 4xxx).</summary>
internal static partial class OrganisationsLog
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information, Message = "Organisation policy changed by {AccountId}")]
    public static partial void OrganisationPolicyChanged(ILogger logger, Guid accountId);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Unit {UnitId} policy changed by {AccountId}")]
    public static partial void UnitPolicyChanged(ILogger logger, Guid unitId, Guid accountId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Unit {UnitId} policy refused: it would loosen {Rules}")]
    public static partial void UnitPolicyLoosens(ILogger logger, Guid unitId, string rules);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Unit {UnitId} created under {ParentId} by {AccountId}")]
    public static partial void UnitCreated(ILogger logger, Guid unitId, Guid? parentId, Guid accountId);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Unit {UnitId} deleted by {AccountId}")]
    public static partial void UnitDeleted(ILogger logger, Guid unitId, Guid accountId);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Account {TargetId} assigned to unit {UnitId} as {Role} by {AccountId}")]
    public static partial void AccountAssigned(ILogger logger, Guid targetId, Guid? unitId, string role, Guid accountId);
}
