using AnHop.Core.Meetings;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Tests.LiveMeeting;

public sealed class WaitingRoomHubTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_guest_who_knocks_before_the_host_waits_the_host_sees_the_knock_admits_and_the_guest_joins()
    {
        var meeting = new LiveMeetingFixture(_server);
        await using var guest = await meeting.ConnectAsync();
        var knock = await guest.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Khách", MeetingRole.Guest));
        Assert.Equal(new KnockAnswer("waiting", null), knock);

        // The host arrives: nobody is admitted automatically, the host sees who waits.
        var (host, hostJoined) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var waiting = Assert.Single(hostJoined.Waiting);
        Assert.Equal(("Khách", "guest"), (waiting.DisplayName, waiting.Role));
        Assert.Equal([hostJoined.ParticipantId], hostJoined.Participants.Select(p => p.Id));
        Assert.False(guest.Received("Admitted"));

        await host.InvokeAsync("Admit", waiting.Id);
        var ticket = guest.Next("Admitted")[0].GetString();
        var joined = await guest.InvokeAsync<JoinAnswer>("Join", ticket);
        Assert.Equal("guest", joined.Role);
        Assert.Equal(["PublishAudio", "PublishVideo", "Subscribe", "Chat"], joined.Capabilities);
        Assert.Equal(2, joined.Participants.Count);
        Assert.Equal(joined.ParticipantId, host.Next("ParticipantJoined")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Hosts_see_each_knock_at_once_and_a_denied_guest_is_told()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        await using var guest = await meeting.ConnectAsync();
        await guest.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Khách", MeetingRole.Guest));

        var knocked = host.Next("Knocked")[0];
        Assert.Equal("Khách", knocked.GetProperty("displayName").GetString());
        Assert.Equal(1, host.Next("WaitingListChanged")[0].GetArrayLength());

        await host.InvokeAsync("Deny", knocked.GetProperty("id").GetString());
        guest.Next("Denied");
        Assert.Equal(0, host.Next("WaitingListChanged")[0].GetArrayLength());
        Assert.False(guest.Received("Admitted"));
    }

    [Fact]
    public async Task Admit_all_lets_everyone_waiting_in_and_a_locked_meeting_refuses_knocks()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        await using var lan = await meeting.ConnectAsync();
        await using var minh = await meeting.ConnectAsync();
        await lan.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Lan", MeetingRole.Guest));
        await minh.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Minh", MeetingRole.Guest));

        await host.InvokeAsync("AdmitAll");
        Assert.NotNull(lan.Next("Admitted")[0].GetString());
        Assert.NotNull(minh.Next("Admitted")[0].GetString());

        await host.InvokeAsync("Lock", true);
        await using var late = await meeting.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => late.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Muộn", MeetingRole.Participant, preAdmitted: true, account: Guid.NewGuid())));
        Assert.Contains("locked", refused.Message, StringComparison.Ordinal);
    }
}
