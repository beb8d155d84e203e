using AnHop.Core.Meetings;
using AnHop.Server.Media;
using AnHop.Server.Meetings;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.LiveMeeting;

public sealed class HostControlHubTests : IAsyncLifetime
{
    private static readonly PublishedSource[] MicrophoneAndScreen = [new("0", "microphone"), new("1", "screen")];

    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string ChromiumOffer() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "LiveMeeting", "chromium156-audio-video.sdp"));

    private string Media(LiveMeetingFixture meeting) => _server.Services.GetRequiredService<MeetingMedia>().Describe(meeting.RoomId);

    [Fact]
    public async Task A_removed_participant_is_told_loses_every_call_and_cannot_rejoin_or_knock_again()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var pass = meeting.IssuePass("Khách", MeetingRole.Guest, device: "cookie-7");
        var (guest, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách", pass: pass);
        await using var __ = guest;

        await host.InvokeAsync("Remove", joined.ParticipantId);
        Assert.Equal("removed", guest.Next("Removed")[0].GetString());
        var refused = await Assert.ThrowsAsync<HubException>(() => guest.InvokeAsync("RaiseHand", true));
        Assert.Contains(HubAuthorizationFilter.JoinFirst, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(joined.ParticipantId, Media(meeting), StringComparison.Ordinal);

        await using var again = await meeting.ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync<JoinAnswer>("Rejoin", joined.Rejoin));
        var knock = await Assert.ThrowsAsync<HubException>(() =>
            again.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Tên mới", MeetingRole.Guest, device: "cookie-7")));
        Assert.Contains("cannot join", knock.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dropped_participant_rejoins_as_themself_with_the_chat()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await guest.InvokeAsync("SendChat", "Xin chào\u202E mọi người");
        Assert.Equal("Xin chào mọi người", host.Next("ChatMessage")[0].GetProperty("text").GetString());
        await guest.DisposeAsync();

        await using var back = await meeting.ConnectAsync();
        var rejoined = await back.InvokeAsync<JoinAnswer>("Rejoin", joined.Rejoin);
        Assert.Equal(joined.ParticipantId, rejoined.ParticipantId);
        Assert.Equal(["Xin chào mọi người"], rejoined.Chat.Select(m => m.Text));
        var link = await Assert.ThrowsAsync<HubException>(() => back.InvokeAsync("SendChat", @"mở \\fileserver\share"));
        Assert.Contains("Links are not allowed", link.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_participant_calling_host_controls_is_refused()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, hostJoined) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (member, memberJoined) = await meeting.EnterThroughWaitingRoomAsync(host, "Thành viên", MeetingRole.Participant);
        await using var __ = member;

        foreach (var call in new Func<Task>[]
        {
            () => member.InvokeAsync("AllowScreenShare", memberJoined.ParticipantId, true),
            () => member.InvokeAsync("Remove", hostJoined.ParticipantId),
        })
        {
            var refused = await Assert.ThrowsAsync<HubException>(call);
            Assert.Contains(HubAuthorizationFilter.NotAllowed, refused.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("PublishScreen", memberJoined.Capabilities);
        Assert.False(host.Received("Removed"));
    }

    [Fact]
    public async Task Publishing_a_screen_without_PublishScreen_is_refused_and_nothing_of_it_is_forwarded()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;

        var published = await guest.InvokeAsync<PublishResult>("Publish", ChromiumOffer(), MicrophoneAndScreen);
        Assert.Equal("1", Assert.Single(published.Refused).Mid);
        var media = Media(meeting);
        Assert.Contains("producer mid 0 Microphone", media, StringComparison.Ordinal);
        Assert.DoesNotContain("Screen", media, StringComparison.Ordinal);
        Assert.Contains(joined.ParticipantId, media, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mute_closes_the_microphone_in_the_SFU_at_once_and_ask_to_unmute_gives_it_back()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;
        await guest.InvokeAsync<PublishResult>("Publish", ChromiumOffer(), MicrophoneAndScreen);
        Assert.Contains("Microphone", Media(meeting), StringComparison.Ordinal);

        await host.InvokeAsync("Mute", joined.ParticipantId);
        Assert.DoesNotContain("Microphone", Media(meeting), StringComparison.Ordinal);
        var capabilities = guest.Next("CapabilitiesChanged")[0].EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.DoesNotContain("PublishAudio", capabilities);
        Assert.True(host.Next("ParticipantUpdated")[0].GetProperty("audioMuted").GetBoolean());

        await host.InvokeAsync("AskToUnmute", joined.ParticipantId);
        Assert.Equal("audio", guest.Next("UnmuteRequested")[0].GetString());
        Assert.Contains("PublishAudio", guest.Next("CapabilitiesChanged")[0].EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Revoking_screen_sharing_closes_the_screen_producer_at_once()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;

        await host.InvokeAsync("AllowScreenShare", joined.ParticipantId, true);
        Assert.Contains("PublishScreen", guest.Next("CapabilitiesChanged")[0].EnumerateArray().Select(c => c.GetString()));
        var published = await guest.InvokeAsync<PublishResult>("Publish", ChromiumOffer(), MicrophoneAndScreen);
        Assert.Empty(published.Refused);
        Assert.Contains("producer mid 1 Screen", Media(meeting), StringComparison.Ordinal);

        await host.InvokeAsync("AllowScreenShare", joined.ParticipantId, false);
        Assert.DoesNotContain("Screen", Media(meeting), StringComparison.Ordinal);
        Assert.Contains("producer mid 0 Microphone", Media(meeting), StringComparison.Ordinal);
        Assert.True(host.Next("ParticipantUpdated")[0].GetProperty("canShareScreen").GetBoolean());
        Assert.False(host.Next("ParticipantUpdated")[0].GetProperty("canShareScreen").GetBoolean());
    }

    [Fact]
    public async Task A_ban_persists_beyond_the_running_meeting()
    {
        var meeting = new LiveMeetingFixture(_server);
        var account = Guid.NewGuid();
        var (host, _) = await meeting.EnterAsHostAsync();
        var (member, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Thành viên", pass: meeting.IssuePass("Thành viên", MeetingRole.Participant, account: account));
        await using var _ = member;
        await host.InvokeAsync("Ban", joined.ParticipantId);
        Assert.Equal("banned", member.Next("Removed")[0].GetString());

        await host.InvokeAsync("EndForAll");
        host.Next("MeetingEnded");
        await host.DisposeAsync();

        // A new live room for the same meeting loads the ban from the database.
        var (newHost, _) = await meeting.EnterAsHostAsync();
        await using var __ = newHost;
        await using var again = await meeting.ConnectAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() =>
            again.InvokeAsync<KnockAnswer>("Knock", meeting.IssuePass("Thành viên", MeetingRole.Participant, preAdmitted: true, account: account)));
        Assert.Contains("cannot join", refused.Message, StringComparison.Ordinal);
    }
}
