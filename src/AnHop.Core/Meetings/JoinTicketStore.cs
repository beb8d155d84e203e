using AnHop.Core.Security;

namespace AnHop.Core.Meetings;

/// <summary>
/// Issues and redeems join tickets. A ticket is a 256-bit secret of which only the hash is kept; it is
/// single-use and short-lived, and every ticket of a participant can be revoked at once (removal, ban).
/// </summary>
public sealed class JoinTicketStore(TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(2);

    private readonly OneTimeSecretStore<JoinTicket> _tickets = new(clock);

    public string Issue(string meetingId, string participantId, string displayName, Capabilities capabilities, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(participantId);
        ArgumentNullException.ThrowIfNull(displayName);
        var duration = lifetime ?? DefaultLifetime;
        var ticket = new JoinTicket(meetingId, participantId, displayName, capabilities, clock.GetUtcNow() + duration);
        return _tickets.Issue(ticket, duration);
    }

    /// <summary>Takes the ticket out of the store: a second redemption of the same token fails.</summary>
    public bool TryRedeem(string? token, out JoinTicket? ticket) => _tickets.TryRedeem(token, out ticket);

    /// <summary>Revokes every unredeemed ticket of one participant in one meeting.</summary>
    public int Revoke(string meetingId, string participantId) =>
        _tickets.Revoke(ticket => ticket.MeetingId == meetingId && ticket.ParticipantId == participantId);
}
