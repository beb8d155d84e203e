using System.Collections.Concurrent;

namespace AnHop.Core.Meetings.Live;

/// <summary>The running meetings, by meeting id.</summary>
public sealed class LiveMeetings
{
    private readonly ConcurrentDictionary<Guid, MeetingRoom> _rooms = new();

    /// <summary>
    /// The running room, or a new one from <paramref name="create"/> when there is none or the old one was released or
    /// ended: a meeting held again starts with a fresh room under its current policy. A room that is empty but not yet
    /// released (<see cref="ReleaseIdle"/>) is kept, with its lock, removals and chat. <paramref name="create"/> may run
    /// more than once under a race; one room wins.
    /// </summary>
    public MeetingRoom Open(Guid meetingId, Func<MeetingRoom> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        return _rooms.AddOrUpdate(meetingId, _ => create(), (_, running) => running.Released || running.Ended ? create() : running);
    }

    public MeetingRoom? Find(Guid meetingId) => _rooms.GetValueOrDefault(meetingId);

    public int Count => _rooms.Count;

    public MeetingRoom? Find(string? meetingId) => Guid.TryParse(meetingId, out var id) ? Find(id) : null;

    /// <summary>Forgets an ended room, so a later admission starts a fresh one (bans persist outside the room).</summary>
    public void Forget(MeetingRoom room)
    {
        ArgumentNullException.ThrowIfNull(room);
        _rooms.TryRemove(new KeyValuePair<Guid, MeetingRoom>(room.MeetingId, room));
    }

    /// <summary>
    /// Lets go of every room that has stood empty for <paramref name="grace"/> (see <see cref="MeetingRoom.TryRelease"/>)
    /// or has ended, and answers them so their media can be let go too.
    /// </summary>
    public IReadOnlyList<MeetingRoom> ReleaseIdle(TimeSpan grace)
    {
        var released = new List<MeetingRoom>();
        foreach (var room in _rooms.Values)
        {
            if (room.TryRelease(grace))
            {
                Forget(room);
                released.Add(room);
            }
        }

        return released;
    }
}
