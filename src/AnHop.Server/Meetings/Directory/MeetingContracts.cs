using AnHop.Core.Meetings;
using AnHop.Core.Policies;

namespace AnHop.Server.Meetings.Directory;

/// <summary>Without <c>startsAt</c> the meeting is instant. A host-chosen passcode must meet the effective policy.</summary>
public sealed record CreateMeetingRequest(
    string? Title, DateTimeOffset? StartsAt, int? DurationMinutes, Guid? UnitId, PolicyOverride? Policy, string? Passcode, bool? NumericCode);

/// <summary>The answer to creation and rotation: the only time the passcode is shown.</summary>
public sealed record MeetingSecretsResponse(string Code, string Link, string? Passcode, string? NumericCode, IReadOnlyList<InvitationLink> Invitations);

/// <summary>Fields left null are unchanged; <c>coHosts</c> replaces the list of co-host account IDs.</summary>
public sealed record UpdateMeetingRequest(string? Title, DateTimeOffset? StartsAt, int? DurationMinutes, PolicyOverride? Policy, Guid[]? CoHosts);

public sealed record RotateRequest(string? Passcode);

/// <summary>What the caller is to the meeting: "host", "coHost" or "invited".</summary>
public sealed record MeetingResponse(
    string Code,
    string Link,
    string Title,
    string? NumericCode,
    DateTimeOffset? StartsAt,
    int? DurationMinutes,
    Guid? UnitId,
    Guid HostAccountId,
    IReadOnlyList<Guid> CoHosts,
    PolicyOverride Policy,
    MeetingPolicy EffectivePolicy,
    bool HasPasscode,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    int LinkVersion,
    string Relation);

public sealed record InviteRequest(string[]? Emails, bool? BypassWaitingRoom);

/// <summary>A personal link <c>/m/{code}#invitation={token}</c>: the token is shown here and in the e-mail only.</summary>
public sealed record InvitationLink(Guid Id, string Email, bool AccountBound, string Link);

public sealed record InvitationResponse(
    Guid Id, string Email, bool AccountBound, bool BypassWaitingRoom, DateTimeOffset CreatedAt, DateTimeOffset? UsedAt, bool Revoked);

public sealed record AdmissionRequest(string? Meeting, string? Passcode, string? DisplayName, string? Invitation);

/// <summary>
/// <c>pass</c> goes to the hub's Knock; <c>waiting</c> says whether the person will wait for the host; <c>hostName</c>
/// (the host's display name) lets the waiting room say whom they wait for.
/// </summary>
public sealed record AdmissionResponse(string Pass, string Title, MeetingRole Role, bool Waiting, string HostName);
