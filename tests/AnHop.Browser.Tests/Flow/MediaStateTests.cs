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

    [Fact]
    public async Task Turning_off_the_microphone_and_then_the_camera_works_and_both_come_back()
    {
        var meeting = Guid.NewGuid();
        await using var host = await RoomPage.JoinAsync(fixture, meeting, "Lan", MeetingRole.Host, null, "en", null);
        await using var binh = await RoomPage.JoinAsync(fixture, meeting, "Bình", MeetingRole.Participant, null, "en", null);
        var binhTile = $"figure.tile[data-participant=\"{binh.ParticipantId}\"]";
        var video = binhTile + " video";
        const string frames = "selector => document.querySelector(selector)?.getVideoPlaybackQuality().totalVideoFrames ?? 0";
        const string moreFrames = "([selector, least]) => (document.querySelector(selector)?.getVideoPlaybackQuality().totalVideoFrames ?? 0) > least";
        await host.Page.WaitForFunctionAsync(moreFrames, new object[] { video, 5 }, new PageWaitForFunctionOptions { Timeout = 20_000 });

        // Both off: the second one stops the last thing this page sends.
        await binh.Page.ClickAsync("button[data-action=mic]");
        await binh.Page.ClickAsync("button[data-action=camera]");
        await host.Page.WaitForSelectorAsync(binhTile + " [data-flag=muted]", new PageWaitForSelectorOptions { Timeout = 10_000 });
        await host.Page.WaitForSelectorAsync(binhTile + " [data-flag=camera-off]", new PageWaitForSelectorOptions { Timeout = 10_000 });
        Assert.Equal(0, await binh.Page.GetByText("Could not open").CountAsync());

        // The camera comes back: the host sees new frames and the flag goes.
        var before = await host.Page.EvaluateAsync<int>(frames, video);
        await binh.Page.ClickAsync("button[data-action=camera]");
        await host.Page.WaitForSelectorAsync(binhTile + " [data-flag=camera-off]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        await host.Page.WaitForFunctionAsync(moreFrames, new object[] { video, before + 10 }, new PageWaitForFunctionOptions { Timeout = 20_000 });

        // And the microphone.
        await binh.Page.ClickAsync("button[data-action=mic]");
        await host.Page.WaitForSelectorAsync(binhTile + " [data-flag=muted]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.Equal(0, await binh.Page.GetByText("Could not open").CountAsync());
    }
}
