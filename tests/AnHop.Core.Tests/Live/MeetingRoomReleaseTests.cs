using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;

namespace AnHop.Core.Tests.Live;

public sealed class MeetingRoomReleaseTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    private readonly RoomFixture _f = new();

    [Fact]
    public void An_empty_room_is_let_go_only_after_the_grace_period_and_then_refuses_knocks()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        Assert.False(_f.Room.TryRelease(Grace));
        Assert.True(_f.Room.Leave(host, "host").Succeeded);

        Assert.False(_f.Room.TryRelease(Grace));
        _f.Time.Now += Grace - TimeSpan.FromSeconds(1);
        Assert.False(_f.Room.TryRelease(Grace));
        _f.Time.Now += TimeSpan.FromSeconds(1);
        Assert.True(_f.Room.TryRelease(Grace));

        Assert.True(_f.Room.Released);
        var knock = _f.Room.Knock(_f.HostPass(), "host-again");
        Assert.Equal((KnockState.Refused, MeetingRoom.ReleasedProblem), (knock.State, knock.Problem));
    }

    [Fact]
    public void A_dropped_host_keeps_the_room_for_the_rejoin_window_and_the_grace_period_counts_from_then()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        Assert.True(_f.Room.Drop(host, "host").Succeeded);

        _f.Time.Now += MeetingRoom.RejoinWindow - TimeSpan.FromSeconds(1);
        Assert.False(_f.Room.TryRelease(TimeSpan.Zero));

        // The seat lapses; the room is first seen empty now and kept for the grace period from here.
        _f.Time.Now += TimeSpan.FromSeconds(1);
        Assert.False(_f.Room.TryRelease(Grace));
        _f.Time.Now += Grace;
        Assert.True(_f.Room.TryRelease(Grace));
    }

    [Fact]
    public void Someone_waiting_keeps_the_room_and_a_knock_restarts_the_grace_period()
    {
        Assert.False(_f.Room.TryRelease(Grace));
        _f.Time.Now += Grace - TimeSpan.FromSeconds(1);
        var waiting = _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.Equal(KnockState.Waiting, waiting.State);
        _f.Time.Now += TimeSpan.FromMinutes(10);
        Assert.False(_f.Room.TryRelease(Grace));

        Assert.True(_f.Room.LeaveWaiting("guest").Succeeded);
        Assert.False(_f.Room.TryRelease(Grace));
        _f.Time.Now += Grace;
        Assert.True(_f.Room.TryRelease(Grace));
    }

    [Fact]
    public void A_room_ended_for_all_is_let_go_at_once()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        Assert.True(_f.Room.EndForAll(host).Succeeded);
        Assert.True(_f.Room.TryRelease(Grace));
    }

    [Fact]
    public void Live_meetings_forget_released_rooms_and_open_a_fresh_one_but_keep_an_empty_room_within_the_grace_period()
    {
        var meetings = new LiveMeetings();
        var first = meetings.Open(RoomFixture.MeetingId, () => _f.Room);
        var host = _f.Enter(_f.HostPass(), "host");
        Assert.True(first.SetLocked(host, true).Succeeded);
        Assert.True(first.Leave(host, "host").Succeeded);

        Assert.Equal([], meetings.ReleaseIdle(Grace));
        var fresh = new RoomFixture();
        Assert.Same(first, meetings.Open(RoomFixture.MeetingId, () => fresh.Room));

        _f.Time.Now += Grace;
        Assert.Equal([first], meetings.ReleaseIdle(Grace));
        Assert.Equal(0, meetings.Count);
        Assert.Same(fresh.Room, meetings.Open(RoomFixture.MeetingId, () => fresh.Room));
    }
}
