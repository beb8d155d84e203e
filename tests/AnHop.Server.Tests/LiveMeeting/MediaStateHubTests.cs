namespace AnHop.Server.Tests.LiveMeeting;

/// <summary>SetMediaState: a person's own mute and camera state reaches the others at once and late joiners in the snapshot.</summary>
public sealed class MediaStateHubTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Muting_oneself_is_announced_to_the_others_and_shown_to_a_late_joiner()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await using var _ = host;
        var (guest, joined) = await meeting.EnterThroughWaitingRoomAsync(host, "Khách");
        await using var __ = guest;

        await guest.InvokeAsync("SetMediaState", true, false);
        var updated = host.Next("ParticipantUpdated")[0];
        Assert.Equal(joined.ParticipantId, updated.GetProperty("id").GetString());
        Assert.True(updated.GetProperty("selfMuted").GetBoolean());
        Assert.False(updated.GetProperty("selfVideoOff").GetBoolean());
        // Saying so takes nothing away: the host did not mute them.
        Assert.False(updated.GetProperty("audioMuted").GetBoolean());

        await guest.InvokeAsync("SetMediaState", true, true);
        Assert.True(host.Next("ParticipantUpdated")[0].GetProperty("selfVideoOff").GetBoolean());

        var (late, lateJoined) = await meeting.EnterThroughWaitingRoomAsync(host, "Đến muộn");
        await using var ___ = late;
        var seen = Assert.Single(lateJoined.Participants, p => p.Id == joined.ParticipantId);
        Assert.True(seen.SelfMuted);
        Assert.True(seen.SelfVideoOff);
    }
}
