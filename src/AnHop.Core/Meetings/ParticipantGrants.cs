namespace AnHop.Core.Meetings;

/// <summary>
/// What the host has granted or taken from one participant. Force-muting and stopping a camera take the capability
/// away until the host asks the person to unmute or turn it on again (the person then chooses to).
/// </summary>
public sealed record ParticipantGrants
{
    public static ParticipantGrants Default { get; } = new();

    public bool AudioAllowed { get; init; } = true;

    public bool VideoAllowed { get; init; } = true;

    /// <summary>Null: as the policy says; true: the host allowed it; false: the host revoked it.</summary>
    public bool? ScreenShare { get; init; }
}
