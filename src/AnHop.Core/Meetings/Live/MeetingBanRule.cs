namespace AnHop.Core.Meetings.Live;

/// <summary>
/// A ban for the rest of the meeting: keyed to the account, or for a guest to their device cookie together with
/// their IP address (either alone is too easy to change or too broad to share).
/// </summary>
public sealed record MeetingBanRule(Guid? AccountId, string? DeviceId, string? IpAddress)
{
    public static MeetingBanRule For(Guid? accountId, string deviceId, string ipAddress) =>
        accountId is { } account ? new(account, null, null) : new(null, deviceId, ipAddress);

    public bool Matches(Guid? accountId, string deviceId, string ipAddress) =>
        AccountId is { } account
            ? account == accountId
            : !string.IsNullOrEmpty(DeviceId) && string.Equals(DeviceId, deviceId, StringComparison.Ordinal)
              && string.Equals(IpAddress, ipAddress, StringComparison.Ordinal);
}
