using AnHop.Browser.Tests.Harness;
using AnHop.Browser.Tests.Room;
using AnHop.Core.Meetings;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Flow;

/// <summary>
/// A shared screen is shown as a screen because the server says so (the source its publisher named, carried in the
/// subscription offer), not guessed from the order of a person's videos: with the camera off it is still a screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenShareTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_shared_screen_appears_as_a_screen_at_the_other_page_with_the_camera_off_or_on(bool cameraOn)
    {
        var meeting = Guid.NewGuid();
        await using var presenter = await RoomPage.JoinAsync(fixture, meeting, "Người trình bày", MeetingRole.Host, null, "en", null);
        await using var viewer = await RoomPage.JoinAsync(fixture, meeting, "Người xem");
        var cameraTile = $"figure.tile[data-participant=\"{presenter.ParticipantId}\"]";
        await viewer.Page.WaitForFunctionAsync($"() => document.querySelector('{cameraTile} video')?.videoWidth > 0",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        if (!cameraOn)
        {
            await presenter.Page.ClickAsync("button[data-action=camera]");
            await viewer.Page.WaitForSelectorAsync(cameraTile + "[data-no-video]", new PageWaitForSelectorOptions { Timeout = 10_000 });
        }

        await presenter.Page.ClickAsync("button[data-action=share]");
        await presenter.Page.WaitForSelectorAsync("button[data-action=share][aria-pressed=true]");

        // The screen has its own tile at the viewer, playing; the camera tile stays what it was.
        var screenTile = $"figure.tile.screen[data-screen-of=\"{presenter.ParticipantId}\"]";
        await viewer.Page.WaitForFunctionAsync($"() => document.querySelector('{screenTile} video')?.videoWidth > 0",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Equal(1, await viewer.Page.Locator(screenTile).CountAsync());
        Assert.Equal(1, await viewer.Page.Locator(cameraTile).CountAsync());
        Assert.Equal(cameraOn, await viewer.Page.EvaluateAsync<bool>($"() => !document.querySelector('{cameraTile}').hasAttribute('data-no-video')"));

        // Stopping the share removes the screen tile, not the person.
        await presenter.Page.ClickAsync("button[data-action=share]");
        await viewer.Page.WaitForSelectorAsync(screenTile, new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.Equal(1, await viewer.Page.Locator(cameraTile).CountAsync());
    }
}
