using AnHop.Browser.Tests.Harness;
using AnHop.Browser.Tests.Room;
using AnHop.Core.Meetings;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Flow;

/// <summary>Stopping one's camera from the control bar is announced (SetMediaState): someone who joins later sees it too.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MediaStateTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_person_who_stopped_the_camera_is_shown_so_to_the_others_and_to_a_late_joiner()
    {
        var meeting = Guid.NewGuid();
        await using var host = await RoomPage.JoinAsync(fixture, meeting, "Lan", MeetingRole.Host, null, "en", null);
        await using var binh = await RoomPage.JoinAsync(fixture, meeting, "Bình", MeetingRole.Participant, null, "en", null);
        var binhTile = $"figure.tile[data-participant=\"{binh.ParticipantId}\"]";
        await host.Page.WaitForSelectorAsync(binhTile);
        Assert.Equal(0, await host.Page.Locator(binhTile + " [data-flag=camera-off]").CountAsync());

        await binh.Page.ClickAsync("button[data-action=camera]");
        await host.Page.WaitForSelectorAsync(binhTile + " [data-flag=camera-off]", new PageWaitForSelectorOptions { Timeout = 10_000 });

        // Someone joining now never saw the camera close: the server's snapshot tells them.
        await using var chi = await RoomPage.JoinAsync(fixture, meeting, "Chi");
        await chi.Page.WaitForSelectorAsync(binhTile + " [data-flag=camera-off]", new PageWaitForSelectorOptions { Timeout = 10_000 });
        Assert.Equal(0, await chi.Page.Locator(binhTile + " [data-flag=muted]").CountAsync());

        // Starting it again is announced as well.
        await binh.Page.ClickAsync("button[data-action=camera]");
        await chi.Page.WaitForSelectorAsync(binhTile + " [data-flag=camera-off]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
    }
}
