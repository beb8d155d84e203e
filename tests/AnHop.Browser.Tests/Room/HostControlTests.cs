using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;

namespace AnHop.Browser.Tests.Room;

/// <summary>The host's panel acts through the hub, and the other page follows live (meeting state, capabilities).</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostControlTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Locking_and_granting_screen_sharing_reach_the_participant_at_once()
    {
        var meeting = Guid.NewGuid();
        await using var host = await RoomPage.JoinAsync(fixture, meeting, "Lan", MeetingRole.Host, null, "en", null);
        await using var binh = await RoomPage.JoinAsync(fixture, meeting, "Bình");
        Assert.Equal("false", await binh.Page.GetAttributeAsync("[data-role=lock-state]", "data-locked"));
        Assert.True(await binh.Page.IsHiddenAsync("button[data-action=share]"));
        Assert.True(await binh.Page.IsHiddenAsync("[data-role=meeting-actions]"));

        await host.Page.ClickAsync("button[data-action=participants]");
        await host.Page.ClickAsync("[data-role=meeting-actions] button[data-action=lock]");
        await binh.Page.WaitForSelectorAsync("[data-role=lock-state][data-locked=true]", new() { Timeout = 10_000 });

        var binhRow = $"[data-role=participants] li[data-participant=\"{binh.ParticipantId}\"]";
        await host.Page.WaitForSelectorAsync(binhRow);
        await host.Page.ClickAsync(binhRow + " summary");
        await host.Page.ClickAsync(binhRow + " button[data-action=allow-share]");
        await binh.Page.WaitForSelectorAsync("button[data-action=share]", new() { State = Microsoft.Playwright.WaitForSelectorState.Visible, Timeout = 10_000 });

        await host.Page.ClickAsync(binhRow + " button[data-action=revoke-share]");
        await binh.Page.WaitForSelectorAsync("button[data-action=share]", new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden, Timeout = 10_000 });
        Assert.Equal(0, host.Dialogs);
    }

    [Fact]
    public async Task Removing_asks_first_in_an_in_page_dialog_that_starts_on_cancel_and_that_Escape_dismisses()
    {
        var meeting = Guid.NewGuid();
        await using var host = await RoomPage.JoinAsync(fixture, meeting, "Lan", MeetingRole.Host, null, "vi", FormFactor.Phone);
        await using var binh = await RoomPage.JoinAsync(fixture, meeting, "Bình");
        var binhRow = $"[data-role=participants] li[data-participant=\"{binh.ParticipantId}\"]";
        const string Open = "dialog[data-role=confirm-dialog][open]";
        await host.Page.ClickAsync("button[data-action=participants]");
        await host.Page.WaitForSelectorAsync(binhRow);
        await host.Page.ClickAsync(binhRow + " summary");

        await host.Page.ClickAsync(binhRow + " button[data-action=remove]");
        await host.Page.WaitForSelectorAsync(Open);
        Assert.Equal("confirm-cancel", await host.Page.EvaluateAsync<string>("() => document.activeElement?.dataset.action ?? ''"));
        Assert.Contains("Bình", await host.Page.EvaluateAsync<string>(
            "() => document.getElementById(document.querySelector('dialog[data-role=confirm-dialog]').getAttribute('aria-labelledby')).textContent"),
            StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(host.Page, "room confirm dialog");
        await Screenshots.SaveAsync(host.Page, "room-confirm", "vi", FormFactor.Phone);

        await host.Page.Keyboard.PressAsync("Escape");
        await host.Page.WaitForSelectorAsync("dialog[data-role=confirm-dialog]", new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden });
        Assert.Equal("joined", await binh.Page.GetAttributeAsync("[data-role=meeting]", "data-state"));
        Assert.True(await host.Page.IsVisibleAsync(binhRow));

        await host.Page.ClickAsync(binhRow + " button[data-action=remove]");
        await host.Page.ClickAsync(Open + " button[data-action=confirm-accept]");
        await host.Page.WaitForSelectorAsync(binhRow, new() { State = Microsoft.Playwright.WaitForSelectorState.Detached, Timeout = 10_000 });
        Assert.Equal(0, host.Dialogs);
    }
}
