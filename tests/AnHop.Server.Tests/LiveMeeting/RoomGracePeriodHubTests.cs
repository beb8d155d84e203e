using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Server.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.LiveMeeting;

/// <summary>With the default grace period an empty room stays, with its state, for a host who comes straight back.</summary>
public sealed class RoomGracePeriodHubTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task An_empty_room_is_kept_through_the_grace_period_with_its_lock()
    {
        var meeting = new LiveMeetingFixture(_server);
        var (host, _) = await meeting.EnterAsHostAsync();
        await host.InvokeAsync("Lock", true);
        await host.InvokeAsync("Leave");
        await host.DisposeAsync();

        Assert.Equal(0, await _server.Services.GetRequiredService<LiveRoomReaper>().SweepAsync());
        Assert.Equal(1, _server.Services.GetRequiredService<LiveMeetings>().Count);

        var (back, joined) = await meeting.EnterAsHostAsync();
        await using var _ = back;
        Assert.True(joined.Meeting.Locked);
    }
}
