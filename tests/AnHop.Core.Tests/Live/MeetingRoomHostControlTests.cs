using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Core.Policies;

namespace AnHop.Core.Tests.Live;

public sealed class MeetingRoomHostControlTests
{
    private readonly RoomFixture _f = new();

    [Fact]
    public void Mute_takes_PublishAudio_and_ask_to_unmute_gives_it_back()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var guest = _f.EnterThroughWaitingRoom(host, _f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.True(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishAudio));

        var muted = _f.Room.Mute(host, guest);
        var change = Assert.Single(muted.Events.OfType<CapabilitiesChanged>());
        Assert.Equal(("guest", false), (change.Endpoint, change.After.HasFlag(Capabilities.PublishAudio)));
        Assert.True(Assert.Single(muted.Events.OfType<ParticipantUpdated>()).Participant.AudioMuted);
        Assert.False(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishAudio));

        var asked = _f.Room.AskToUnmute(host, guest);
        Assert.Equal("audio", Assert.Single(asked.Events.OfType<UnmuteRequested>()).Kind);
        Assert.True(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishAudio));
    }

    [Fact]
    public void Mute_all_mutes_everyone_but_the_hosts()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var lan = _f.EnterThroughWaitingRoom(host, _f.Pass("Lan", MeetingRole.Guest, device: "a"), "lan");
        var minh = _f.EnterThroughWaitingRoom(host, _f.Pass("Minh", MeetingRole.Participant, account: Guid.NewGuid()), "minh");
        _f.Room.MuteAll(host);
        Assert.False(_f.CapabilitiesOf(lan, "lan").HasFlag(Capabilities.PublishAudio));
        Assert.False(_f.CapabilitiesOf(minh, "minh").HasFlag(Capabilities.PublishAudio));
        Assert.True(_f.CapabilitiesOf(host, "host").HasFlag(Capabilities.PublishAudio));
    }

    [Fact]
    public void Stop_camera_takes_PublishVideo_and_screen_share_is_granted_and_revoked_per_person()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var guest = _f.EnterThroughWaitingRoom(host, _f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.False(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishScreen)); // host-only by default

        _f.Room.StopCamera(host, guest);
        Assert.False(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishVideo));
        _f.Room.AllowScreenShare(host, guest, true);
        Assert.True(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishScreen));
        _f.Room.AllowScreenShare(host, guest, false);
        Assert.False(_f.CapabilitiesOf(guest, "guest").HasFlag(Capabilities.PublishScreen));
    }

    [Fact]
    public void Chat_off_silences_participants_not_hosts_and_links_need_the_policy()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var guest = _f.EnterThroughWaitingRoom(host, _f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.False(_f.Room.SendChat(guest, @"mở \\fileserver\share nhé").Succeeded);
        Assert.False(_f.Room.SendChat(guest, "xem https://example.vn").Succeeded);
        Assert.True(_f.Room.SendChat(guest, "Chào\u202Eanh").Succeeded);

        _f.Room.SetChatEnabled(host, false);
        Assert.False(_f.Room.SendChat(guest, "còn ai không?").Succeeded);
        Assert.True(_f.Room.SendChat(host, "Thông báo").Succeeded);
    }

    [Fact]
    public void A_co_host_can_moderate_but_not_act_on_the_host_nor_hand_over()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var cohost = _f.EnterThroughWaitingRoom(host, _f.Pass("Phó", MeetingRole.Participant, account: Guid.NewGuid()), "cohost");
        Assert.True(_f.Room.MakeCoHost(host, cohost, true).Succeeded);
        Assert.True(_f.CapabilitiesOf(cohost, "cohost").HasFlag(Capabilities.Moderate));

        var knock = _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest), "guest");
        Assert.Equal(["cohost", "host"], Assert.Single(knock.Events.OfType<WaiterKnocked>()).HostEndpoints.Order());
        var guest = Assert.Single(_f.Room.Admit(cohost, knock.WaiterId!).Events.OfType<WaiterAdmitted>()).Participant.Id;
        _f.Room.Connect(guest, "guest", out _);
        Assert.True(_f.Room.Mute(cohost, guest).Succeeded);
        Assert.True(_f.Room.Remove(cohost, guest).Succeeded);

        Assert.False(_f.Room.Mute(cohost, host).Succeeded);
        Assert.False(_f.Room.Remove(cohost, host).Succeeded);
        Assert.False(_f.Room.HandOverHost(cohost, cohost).Succeeded);
        Assert.False(_f.Room.EndForAll(cohost).Succeeded);

        Assert.True(_f.Room.MakeCoHost(host, cohost, false).Succeeded);
        Assert.False(_f.CapabilitiesOf(cohost, "cohost").HasFlag(Capabilities.Moderate));
    }

    [Fact]
    public void Hand_over_host_moves_the_role_and_the_controls()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var next = _f.EnterThroughWaitingRoom(host, _f.Pass("Người kế", MeetingRole.Participant, account: Guid.NewGuid()), "next");
        var result = _f.Room.HandOverHost(host, next);
        Assert.True(result.Succeeded);
        Assert.Equal(MeetingRole.Host, _f.Room.Authorize(next, "next")!.Value.Role);
        Assert.Equal(MeetingRole.Participant, _f.Room.Authorize(host, "host")!.Value.Role);
        Assert.False(_f.CapabilitiesOf(host, "host").HasFlag(Capabilities.Moderate));
        Assert.Contains(result.Events.OfType<CapabilitiesChanged>(), c => c.ParticipantId == host && !c.After.HasFlag(Capabilities.Moderate));
        Assert.True(_f.Room.Mute(next, host).Succeeded);
    }

    [Fact]
    public void A_removed_participant_is_out_at_once_and_cannot_knock_or_rejoin()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var pass = _f.Pass("Khách", MeetingRole.Guest);
        var knock = _f.Room.Knock(pass, "guest");
        var guest = Assert.Single(_f.Room.Admit(host, knock.WaiterId!).Events.OfType<WaiterAdmitted>()).Participant.Id;
        _f.Room.Connect(guest, "guest", out var joined);

        var removed = _f.Room.Remove(host, guest);
        var gone = Assert.Single(removed.Events.OfType<ParticipantRemoved>());
        Assert.Equal(("guest", RemovalReason.Removed), (gone.Endpoint, gone.Reason));
        Assert.Null(_f.Room.Authorize(guest, "guest"));
        Assert.False(_f.Room.Rejoin(joined!.RejoinToken, "guest-2", out _).Succeeded);
        Assert.Equal(KnockState.Refused, _f.Room.Knock(pass, "guest-3").State);
    }

    [Fact]
    public void A_ban_by_account_survives_a_new_pass_and_a_new_room()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var account = Guid.NewGuid();
        var member = _f.EnterThroughWaitingRoom(host, _f.Pass("Thành viên", MeetingRole.Participant, account: account, device: "d1", ip: "192.0.2.5"), "member");
        var banned = _f.Room.Ban(host, member);
        var rule = Assert.Single(banned.Events.OfType<BanAdded>()).Rule;
        Assert.Equal(RemovalReason.Banned, Assert.Single(banned.Events.OfType<ParticipantRemoved>()).Reason);

        var otherDevice = _f.Pass("Thành viên", MeetingRole.Participant, preAdmitted: true, account: account, device: "d2", ip: "198.51.100.7");
        Assert.Equal(KnockState.Refused, _f.Room.Knock(otherDevice, "again").State);

        var later = new RoomFixture(bans: [rule]);
        Assert.Equal(KnockState.Refused, later.Room.Knock(otherDevice with { ExpiresAt = later.Time.Now.AddMinutes(5) }, "again").State);
    }

    [Fact]
    public void A_guest_ban_is_by_device_and_ip_and_removes_the_waiting_entry()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var knock = _f.Room.Knock(_f.Pass("Khách", MeetingRole.Guest, device: "cookie-1", ip: "192.0.2.9"), "guest");
        var banned = _f.Room.Ban(host, knock.WaiterId!);
        Assert.Equal("guest", Assert.Single(banned.Events.OfType<WaiterDenied>()).Endpoint);
        Assert.Empty(_f.Room.Waiting());

        Assert.Equal(KnockState.Refused, _f.Room.Knock(_f.Pass("Tên khác", MeetingRole.Guest, device: "cookie-1", ip: "192.0.2.9"), "guest-2").State);
        Assert.Equal(KnockState.Waiting, _f.Room.Knock(_f.Pass("Người khác", MeetingRole.Guest, device: "cookie-2", ip: "192.0.2.9"), "other").State);
    }

    [Fact]
    public void End_for_all_puts_everyone_out_and_refuses_what_follows()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var guest = _f.EnterThroughWaitingRoom(host, _f.Pass("Khách", MeetingRole.Guest, device: "a"), "guest");
        _f.Room.Knock(_f.Pass("Chờ", MeetingRole.Guest, device: "b"), "waiting");
        var ended = Assert.Single(_f.Room.EndForAll(host).Events.OfType<MeetingEnded>());
        Assert.Equal(["guest", "host"], ended.Participants.Select(p => p.Endpoint!).Order());
        Assert.Equal(["waiting"], ended.WaitingEndpoints);
        Assert.True(_f.Room.Ended);
        Assert.Null(_f.Room.Authorize(guest, "guest"));
        Assert.Equal(KnockState.Refused, _f.Room.Knock(_f.HostPass(), "host-2").State);
    }

    [Fact]
    public void Raise_hand_is_seen_by_everyone()
    {
        var host = _f.Enter(_f.HostPass(), "host");
        var guest = _f.EnterThroughWaitingRoom(host, _f.Pass("Khách", MeetingRole.Guest), "guest");
        var raised = _f.Room.RaiseHand(guest, true);
        Assert.True(Assert.Single(raised.Events.OfType<ParticipantUpdated>()).Participant.HandRaised);
    }

    [Fact]
    public void Policy_without_chat_cannot_be_switched_on_by_the_host()
    {
        var f = new RoomFixture(MeetingPolicy.SecureDefault with { ChatEnabled = false });
        var host = f.Enter(f.HostPass(), "host");
        Assert.False(f.Room.SetChatEnabled(host, true).Succeeded);
        Assert.False(f.CapabilitiesOf(host, "host").HasFlag(Capabilities.Chat));
    }
}
