using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Meetings;

/// <summary>Opens live rooms with the meeting's persisted bans, and persists new bans.</summary>
public sealed class LiveRooms(LiveMeetings meetings, IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>
    /// The running room of the pass's meeting, or (none running, or the old one let go or ended) a new one under the
    /// pass's policy with the meeting's persisted bans loaded.
    /// </summary>
    public async Task<MeetingRoom> OpenAsync(AdmissionPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        if (meetings.Find(pass.MeetingId) is { Released: false, Ended: false } running)
        {
            return running;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnHopDbContext>();
        var bans = await db.Set<MeetingBan>().AsNoTracking().Where(b => b.MeetingId == pass.MeetingId).ToListAsync();
        return meetings.Open(pass.MeetingId, () => new MeetingRoom(pass.MeetingId, pass.MeetingTitle, pass.Policy, clock, bans.Select(b => b.ToRule())));
    }

    /// <summary>
    /// Knocks on the pass's room as <paramref name="endpoint"/>; a room let go between opening it and knocking refuses
    /// the knock, and a fresh room takes it instead.
    /// </summary>
    public async Task<(MeetingRoom Room, KnockResult Knock)> KnockAsync(AdmissionPass pass, string endpoint)
    {
        var room = await OpenAsync(pass);
        var knock = room.Knock(pass, endpoint);
        if (knock.State == KnockState.Refused && room.Released)
        {
            room = await OpenAsync(pass);
            knock = room.Knock(pass, endpoint);
        }

        return (room, knock);
    }

    public async Task SaveBanAsync(Guid meetingId, MeetingBanRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnHopDbContext>();
        db.Set<MeetingBan>().Add(new MeetingBan
        {
            Id = Guid.NewGuid(),
            MeetingId = meetingId,
            AccountId = rule.AccountId,
            DeviceId = rule.DeviceId,
            IpAddress = rule.IpAddress,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }
}
