using System.Collections.Concurrent;
using AnHop.Core.Security;

namespace AnHop.Core.Meetings;

/// <summary>
/// Issues and redeems join tickets. A ticket is a 256-bit secret of which only the hash is kept; it is
/// single-use and short-lived, and every ticket of a participant can be revoked at once (removal, ban).
/// </summary>
public sealed class JoinTicketStore(TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, JoinTicket> _byHash = new(StringComparer.Ordinal);

    public string Issue(string meetingId, string participantId, string displayName, Capabilities capabilities, TimeSpan? lifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        ArgumentException.ThrowIfNullOrWhiteSpace(participantId);
        ArgumentNullException.ThrowIfNull(displayName);
        RemoveExpired();
        var token = SecretToken.Create();
        var ticket = new JoinTicket(meetingId, participantId, displayName, capabilities, clock.GetUtcNow() + (lifetime ?? DefaultLifetime));
        _byHash[Key(token)] = ticket;
        return token;
    }

    /// <summary>Takes the ticket out of the store: a second redemption of the same token fails.</summary>
    public bool TryRedeem(string? token, out JoinTicket? ticket)
    {
        ticket = null;
        if (string.IsNullOrEmpty(token) || token.Length != SecretToken.Length)
        {
            return false;
        }

        if (!_byHash.TryRemove(Key(token), out var found) || found.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        ticket = found;
        return true;
    }

    /// <summary>Revokes every unredeemed ticket of one participant in one meeting.</summary>
    public int Revoke(string meetingId, string participantId)
    {
        var revoked = 0;
        foreach (var (hash, ticket) in _byHash)
        {
            if (ticket.MeetingId == meetingId && ticket.ParticipantId == participantId && _byHash.TryRemove(hash, out _))
            {
                revoked++;
            }
        }

        return revoked;
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (hash, ticket) in _byHash)
        {
            if (ticket.ExpiresAt <= now)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }

    // Lookup is by hash so the store never holds a usable token; equal hashes mean equal tokens.
    private static string Key(string token) => Convert.ToHexString(SecretToken.Hash(token));
}
