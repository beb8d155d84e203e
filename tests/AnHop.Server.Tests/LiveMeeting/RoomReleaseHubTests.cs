using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Server.Media;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.LiveMeeting;

/// <summary>
/// Live rooms leave memory once nobody uses them: with a zero grace period a sweep lets an empty room go at once, so
/// these tests call the reaper's sweep themselves instead of waiting for its timer (one test checks the timer runs).
/// </summary>
public sealed class RoomReleaseHubTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync("--AnHop:Meetings:EmptyRoomGracePeriod=00:00:00");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LiveMeetings Rooms => _server.Services.GetRequiredService<LiveMeetings>();

    private MeetingMedia Media => _server.Services.GetRequiredService<MeetingMedia>();

    private SfuHost Sfu => _server.Services.GetRequiredService<SfuHost>();

    private Task<int> SweepAsync() => _server.Services.GetRequiredService<LiveRoomReaper>().SweepAsync();

    [Fact]
    public async Task A_room_everyone_left_is_let_go_with_its_media_and_nothing_is_left()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, _) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;
        Assert.Equal((1, 1, 1), (Rooms.Count, Media.MeetingCount, Sfu.RouterCount));

        await guest.InvokeAsync("Leave");
        await host.InvokeAsync("Leave");
        Assert.Equal(1, await SweepAsync());

        Assert.Equal((0, 0, 0), (Rooms.Count, Media.MeetingCount, Sfu.RouterCount));
        Assert.Contains(_server.LogLines, line => line.Contains("[5005]", StringComparison.Ordinal) && line.Contains(meeting.RoomId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_host_whose_connection_drops_keeps_the_room_and_comes_back_to_it()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, joined) = await meeting.EnterAsHostAsync();
        await host.InvokeAsync("Lock", true);
        await host.DisposeAsync();

        Assert.Equal(0, await SweepAsync());
        Assert.Equal(1, Rooms.Count);

        await using var back = await meeting.ConnectAsync();
        var rejoined = await back.InvokeAsync<JoinAnswer>("Rejoin", joined.Rejoin);
        Assert.Equal(joined.ParticipantId, rejoined.ParticipantId);
        Assert.True(rejoined.Meeting.Locked);
    }

    [Fact]
    public async Task A_join_after_the_release_gets_a_fresh_room_that_still_keeps_the_waiting_room_and_the_bans()
    {
        var meeting = new LiveMeetingFixture(_server);
        var banned = Guid.NewGuid();
        var (host, _) = await meeting.EnterAsHostAsync();
        var (member, memberJoined) = await meeting.EnterThroughWaitingRoomAsync(host, "Thành viên",
            pass: meeting.IssuePass("Thành viên", MeetingRole.Participant, account: banned));
        await host.InvokeAsync("Ban", memberJoined.ParticipantId);
        Assert.Equal("banned", member.Next("Removed")[0].GetString());
        await member.DisposeAsync();
        await host.InvokeAsync("Lock", true);
        await host.InvokeAsync("Leave");
        await host.DisposeAsync();
        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, Rooms.Count);

        // The fresh room is unlocked, as after any new start of the meeting.
        var (newHost, newJoined) = await meeting.EnterAsHostAsync();
        await using var _ = newHost;
        Assert.False(newJoined.Meeting.Locked);
        Assert.Equal([newJoined.ParticipantId], newJoined.Participants.Select(p => p.Id));

        // Its bans come from the database; everyone else still waits to be admitted.
        await using var again = await meeting.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            again.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Thành viên", MeetingRole.Participant, preAdmitted: true, account: banned)));
        Assert.Contains("cannot join", refused.Message, StringComparison.Ordinal);
        await using var guest = await meeting.ConnectAsync();
        Assert.Equal("waiting", (await guest.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Khách", MeetingRole.Guest))).State);
        Assert.Equal("Khách", newHost.Next("Knocked")[0].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Someone_in_the_waiting_room_keeps_the_room()
    {
        var meeting = new LiveMeetingFixture(_server);
        await using var guest = await meeting.ConnectAsync();
        Assert.Equal("waiting", (await guest.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Khách", MeetingRole.Guest))).State);

        Assert.Equal(0, await SweepAsync());
        Assert.Equal(1, Rooms.Count);

        await guest.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Rooms.Find(meeting.MeetingId)?.Waiting().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, await SweepAsync());
        Assert.Equal(0, Rooms.Count);
    }

    [Fact]
    public async Task A_meeting_ended_for_all_is_let_go_at_once()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, _) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;

        await host.InvokeAsync("EndForAll");
        guest.Next("MeetingEnded");

        Assert.Equal((0, 0, 0), (Rooms.Count, Media.MeetingCount, Sfu.RouterCount));
    }

    [Fact]
    public async Task Letting_go_of_a_meetings_media_spares_whoever_a_newer_live_room_holds()
    {
        // As when a knock opens a fresh room between the old room's release and its media's.
        var meeting = new LiveMeetingFixture(_server);
        var (host, joined) = await meeting.EnterAsHostAsync();
        await using var _ = host;

        await Media.ReleaseAsync(meeting.RoomId);

        Assert.Equal((1, 1), (Media.MeetingCount, Sfu.RouterCount));
        Assert.Contains(joined.ParticipantId, Media.Describe(meeting.RoomId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reaper_lets_empty_rooms_go_on_its_own()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        await host.InvokeAsync("Leave");

        // Its timer runs every second with a zero grace period; wait for it rather than sweeping here.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Rooms.Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, Rooms.Count);
    }
}
