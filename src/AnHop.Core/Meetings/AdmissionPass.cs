using AnHop.Core.Policies;

namespace AnHop.Core.Meetings;

/// <summary>
/// What the HTTP admission step (meeting + passcode checked, throttled) hands to the hub: who this person is in the
/// meeting and under which policy. Redeemed once, by the hub's Knock, which puts the person in the waiting room or
/// admits them when <see cref="PreAdmitted"/>.
/// </summary>
public sealed record AdmissionPass(
    Guid MeetingId,
    string MeetingCode,
    string MeetingTitle,
    string DisplayName,
    MeetingRole Role,
    bool PreAdmitted,
    Guid? AccountId,
    Guid? InvitationId,
    string DeviceId,
    string IpAddress,
    MeetingPolicy Policy,
    DateTimeOffset ExpiresAt);
