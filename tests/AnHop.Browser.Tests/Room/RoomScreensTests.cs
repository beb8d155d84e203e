using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;

namespace AnHop.Browser.Tests.Room;

/// <summary>
/// The meeting room with three people as the host sees it — grid, chat, host panel — scanned by axe-core and
/// screenshotted in Vietnamese and English at desktop and phone size.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoomScreensTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public async Task The_room_chat_and_host_panel_pass_the_accessibility_scan_at_desktop_and_phone_size(string language)
    {
        var meeting = Guid.NewGuid();
        await using var host = await RoomPage.JoinAsync(fixture, meeting, "Nguyễn Thị Lan", MeetingRole.Host, null, language, FormFactor.Desktop);
        await using var binh = await RoomPage.JoinAsync(fixture, meeting, "Trần Văn Bình");
        await using var chi = await RoomPage.JoinAsync(fixture, meeting, "Lê Minh Chi");
        await host.Page.WaitForFunctionAsync("() => document.querySelectorAll('[data-role=meeting] figure.tile').length === 3");
        await binh.SendChatAsync("Chào chị Lan, tài liệu ở https://example.vn/bao-cao nhé.");
        await binh.Page.ClickAsync("button[data-action=hand]");
        await host.Page.WaitForSelectorAsync("figure[data-hand]");
        // The host sees what only a host has: end for all, and the actions per person.
        Assert.True(await host.Page.IsVisibleAsync("button[data-action=end-for-all]"));
        Assert.True(await binh.Page.IsHiddenAsync("button[data-action=end-for-all]"));

        foreach (var size in FormFactor.Both)
        {
            await host.Page.SetViewportSizeAsync(size.Width, size.Height);
            await host.Page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-local] video')].every(v => v.readyState >= 2)");
            await Accessibility.AssertNoSeriousViolationsAsync(host.Page, $"room {language} {size.Name}");
            await Screenshots.SaveAsync(host.Page, "room", language, size);

            await host.Page.Keyboard.PressAsync("c");
            await host.Page.WaitForSelectorAsync("[data-role=chat] .chat-text a");
            await Accessibility.AssertNoSeriousViolationsAsync(host.Page, $"room chat {language} {size.Name}");
            await Screenshots.SaveAsync(host.Page, "room-chat", language, size);

            await host.Page.ClickAsync("button[data-action=participants]");
            var actions = $"[data-role=participants] li[data-participant=\"{binh.ParticipantId}\"] details";
            if (await host.Page.GetAttributeAsync(actions, "open") is null)
            {
                await host.Page.ClickAsync(actions + " summary");
            }

            await host.Page.WaitForSelectorAsync($"[data-role=participants] li[data-participant=\"{binh.ParticipantId}\"] button[data-action=remove]");
            await Accessibility.AssertNoSeriousViolationsAsync(host.Page, $"host panel {language} {size.Name}");
            await Screenshots.SaveAsync(host.Page, "room-host-panel", language, size);
            await host.Page.ClickAsync("button[data-action=participants]");
        }

        host.Recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        Assert.Equal(0, host.Dialogs);
    }
}
