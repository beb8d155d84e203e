using AnHop.Core.Security;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// A personal invitation: a 256-bit token (only its hash kept) in the link's fragment. Bound to the invitee's account
/// when they have one; single-use otherwise. Revoked by the host or by rotation.
/// </summary>
public sealed class Invitation
{
    public const int MaxEmailLength = 254;

    private Invitation()
    {
    }

    private Invitation(Guid meetingId, string email, Guid? accountId, bool bypassWaitingRoom, DateTimeOffset now, byte[] tokenHash)
    {
        Id = Guid.NewGuid();
        MeetingId = meetingId;
        Email = email;
        AccountId = accountId;
        BypassWaitingRoom = bypassWaitingRoom;
        CreatedAt = now;
        TokenHash = tokenHash;
    }

    public Guid Id { get; private set; }

    public Guid MeetingId { get; private set; }

    public string Email { get; private set; } = "";

    public Guid? AccountId { get; private set; }

    public byte[] TokenHash { get; private set; } = [];

    /// <summary>The host lets this invitee skip the waiting room (effective only where the policy allows invitees to).</summary>
    public bool BypassWaitingRoom { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }

    public bool Revoked { get; private set; }

    public bool IsUsable => !Revoked && (AccountId is not null || UsedAt is null);

    /// <summary>A new invitation and its token, which exists in clear only in the answer to the host and the e-mail.</summary>
    public static (Invitation Invitation, string Token) Create(Guid meetingId, string email, Guid? accountId, bool bypassWaitingRoom, DateTimeOffset now)
    {
        var token = SecretToken.Create();
        return (new Invitation(meetingId, email, accountId, bypassWaitingRoom, now, SecretToken.Hash(token)), token);
    }

    public void Revoke() => Revoked = true;

    public void MarkUsed(DateTimeOffset now) => UsedAt ??= now;
}
