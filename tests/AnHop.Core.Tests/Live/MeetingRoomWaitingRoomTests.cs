using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Core.Policies;

namespace AnHop.Core.Tests.Live;

public sealed class MeetingRoomWaitingRoomTests
{
    private readonly RoomFixture _f = new();

    [Fact]
    public void A_guest_who_arrives_before_the_host_waits_and_the_host_arriving_admits_nobody()
    {
        var knock = _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.Equal(KnockState.Waiting, knock.State);
        Assert.Null(knock.Participant);
        Assert.Equal([], Assert.Single(knock.Events.OfType<WaiterKnocked>()).HostEndpoints);

        var host = _f.Room.Knock(_f.HostPass(), "host");
        Assert.Equal(KnockState.Admitted, host.State);
        Assert.True(_f.Room.Connect(host.Participant!.Id, "host", out var snapshot).Succeeded);

        Assert.Equal([host.Participant.Id], snapshot!.Participants.Select(p => p.Id));
        Assert.Equal(["Khách"], _f.Room.Waiting().Select(w => w.DisplayName));
        Assert.Null(_f.Room.Authorize(knock.WaiterId!, "guest"));
    }

    [Fact]
    public void A_signed_in_participant_without_a_bypass_waits_too_but_a_pre_admitted_invitee_enters()
    {
        Assert.Equal(KnockState.Waiting, _f.Room.Knock(_f.Pass("Thành viên", MeetingRole.Participant, account: Guid.NewGuid()), "member").State);
        Assert.Equal(KnockState.Admitted, _f.Room.Knock(_f.Pass("Khách mời", MeetingRole.Participant, preAdmitted: true, account: Guid.NewGuid()), "invitee").State);
    }

    [Fact]
    public void Hosts_present_are_told_of_each_knock_at_once()
    {
        _f.Enter(_f.HostPass(), "host");
        var knock = _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest");
        var knocked = Assert.Single(knock.Events.OfType<WaiterKnocked>());
        Assert.Equal(["host"], knocked.HostEndpoints);
        Assert.Equal("Khách", knocked.Waiter.DisplayName);
        Assert.Equal(["host"], Assert.Single(knock.Events.OfType<WaitingListChanged>()).HostEndpoints);
    }

    [Fact]
    public void Admit_lets_one_in_deny_sends_one_away()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var lan = _f.Room.Knock(_f.Pass("Lan", MeetingRole.Guest, device: "a"), "lan");
        var minh = _f.Room.Knock(_f.Pass("Minh", MeetingRole.Guest, device: "b"), "minh");

        var admitted = _f.Room.Admit(host, lan.WaiterId!);
        Assert.Equal("lan", Assert.Single(admitted.Events.OfType<WaiterAdmitted>()).Endpoint);
        var denied = _f.Room.Deny(host, minh.WaiterId!);
        Assert.Equal("minh", Assert.Single(denied.Events.OfType<WaiterDenied>()).Endpoint);
        Assert.Empty(_f.Room.Waiting());
        Assert.False(_f.Room.Deny(host, minh.WaiterId!).Succeeded);
    }

    [Fact]
    public void Admit_all_lets_everyone_waiting_in()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        for (var i = 0; i < 3; i++)
        {
            _f.Room.Knock(_f.Pass($"Khách {i}", MeetingRole.Guest, device: $"d{i}"), $"guest-{i}");
        }

        var result = _f.Room.AdmitAll(host);
        Assert.Equal(["guest-0", "guest-1", "guest-2"], result.Events.OfType<WaiterAdmitted>().Select(a => a.Endpoint));
        Assert.Empty(_f.Room.Waiting());
    }

    [Fact]
    public void A_participant_cannot_admit()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var member = _f.EnterThroughWaitingRoom(host, _f.Pass("Thành viên", MeetingRole.Participant, account: Guid.NewGuid()), "member");
        var guest = _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.False(_f.Room.Admit(member, guest.WaiterId!).Succeeded);
        Assert.Single(_f.Room.Waiting());
    }

    [Fact]
    public void A_locked_meeting_refuses_new_knocks_even_pre_admitted_ones_but_not_the_host()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        Assert.True(_f.Room.SetLocked(host, true).Succeeded);

        Assert.Equal(KnockState.Refused, _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest").State);
        Assert.Equal(KnockState.Refused, _f.Room.Knock(_f.Pass("Khách mời", MeetingRole.Participant, preAdmitted: true, account: Guid.NewGuid()), "invitee").State);
        Assert.Equal(KnockState.Admitted, _f.Room.Knock(_f.Pass("Đồng chủ trì", MeetingRole.CoHost, preAdmitted: true, account: Guid.NewGuid()), "cohost").State);

        Assert.True(_f.Room.SetLocked(host, false).Succeeded);
        Assert.Equal(KnockState.Waiting, _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest").State);
    }

    [Fact]
    public void Max_participants_from_the_policy_holds_for_admission_and_direct_entry()
    {
        var f = new RoomFixture(MeetingPolicy.SecureDefault with { MaxParticipants = 2 });
        var host = f.Enter(f.HostPass(), "host");
        var first = f.Room.Knock(f.Pass("Lan", MeetingRole.Guest, device: "a"), "lan");
        var second = f.Room.Knock(f.Pass("Minh", MeetingRole.Guest, device: "b"), "minh");

        var all = f.Room.AdmitAll(host);
        Assert.Equal(["lan"], all.Events.OfType<WaiterAdmitted>().Select(a => a.Endpoint));
        Assert.False(f.Room.Admit(host, second.WaiterId!).Succeeded);
        Assert.Equal(KnockState.Refused, f.Room.Knock(f.Pass("Khách mời", MeetingRole.Participant, preAdmitted: true, account: Guid.NewGuid()), "invitee").State);
        Assert.NotNull(first.WaiterId);
    }

    [Fact]
    public void A_dropped_participant_rejoins_within_two_minutes_without_waiting_and_not_after()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var guestPass = _f.Pass("Khách", MeetingRole.Guest);
        var knock = _f.Room.Knock(guestPass, "guest");
        var id = Assert.Single(_f.Room.Admit(host, knock.WaiterId!).Events.OfType<WaiterAdmitted>()).Participant.Id;
        _f.Room.Connect(id, "guest", out var joined);
        Assert.True(_f.Room.SendChat(id, "Xin chào").Succeeded);

        _f.Room.Drop(id, "guest");
        _f.Time.Now += TimeSpan.FromSeconds(90);
        Assert.True(_f.Room.Rejoin(joined!.RejoinToken, "guest-2", out var back).Succeeded);
        Assert.Equal(id, back!.Me.Id);
        Assert.Equal(["Xin chào"], back.Chat.Select(m => m.Text));
        Assert.False(_f.Room.Rejoin(joined.RejoinToken, "guest-3", out _).Succeeded); // in already: the old token is spent

        _f.Room.Drop(id, "guest-2");
        _f.Time.Now += MeetingRoom.RejoinWindow;
        Assert.False(_f.Room.Rejoin(back.RejoinToken, "guest-4", out _).Succeeded);
    }

    [Fact]
    public void A_meeting_held_again_after_everyone_left_and_the_room_was_let_go_gets_a_fresh_room()
    {
        var grace = TimeSpan.FromMinutes(2);
        var meetings = new LiveMeetings();
        var first = meetings.Open(RoomFixture.MeetingId, () => _f.Room);
        var host = _f.Enter(_f.HostPass(), "host");
        Assert.Same(first, meetings.Open(RoomFixture.MeetingId, () => new RoomFixture().Room));

        _f.Room.Drop(host, "host");
        Assert.Same(first, meetings.Open(RoomFixture.MeetingId, () => new RoomFixture().Room)); // the seat is kept for a rejoin
        _f.Time.Now += MeetingRoom.RejoinWindow;
        Assert.Same(first, meetings.Open(RoomFixture.MeetingId, () => new RoomFixture().Room)); // empty, kept for the grace period
        Assert.Empty(meetings.ReleaseIdle(grace));
        _f.Time.Now += grace;
        Assert.Equal([first], meetings.ReleaseIdle(grace));
        Assert.NotSame(first, meetings.Open(RoomFixture.MeetingId, () => new RoomFixture().Room));
        Assert.Equal(1, meetings.Count);
    }
}
