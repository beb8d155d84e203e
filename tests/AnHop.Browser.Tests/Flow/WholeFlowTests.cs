using System.Text.Json;
using AnHop.Browser.Tests.Account;
using AnHop.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Flow;

/// <summary>
/// The whole flow as two people live it: a member signs in, schedules a meeting, enters it through pre-join; a guest
/// opens the link, types the passcode, waits; the host admits; they see and hear each other, chat, raise a hand, leave.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WholeFlowTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private static readonly FormFactor Small = new("small", 640, 480);

    private AnHopServer Server => accounts.Server;

    [Fact]
    public async Task A_host_signs_in_schedules_admits_a_guest_and_both_see_hear_chat_raise_a_hand_and_leave()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Đỗ Thị Chủ Trì");
        var (hostContext, host, hostRecorder) = await LocalisedPages.NewPageAsync(fixture, "vi", Small, Server);
        await using var _ = hostContext;

        // Sign in (a member needs no second factor) and schedule: the link, and the passcode shown this once.
        await host.GotoAsync("/sign-in");
        await AccountUsers.SubmitPasswordStepAsync(host, email);
        await host.WaitForURLAsync(Server.BaseUrl + "meetings");
        var (link, passcode) = await MyMeetingsPage.ScheduleAsync(host, "Họp triển khai dự án", "14:00");
        Assert.DoesNotContain(passcode, link, StringComparison.Ordinal);

        // The host enters through pre-join, without waiting (the meeting is theirs).
        await EnterAsync(host, link, null, passcode);
        await host.WaitForFunctionAsync("() => document.querySelector('[data-role=meeting]')?.dataset.state === 'joined'",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });

        // The guest opens the link in another browser, types name and passcode, and waits.
        var (guestContext, guest, guestRecorder) = await LocalisedPages.NewPageAsync(fixture, "en", Small, Server);
        await using var __ = guestContext;
        await EnterAsync(guest, link, "Bùi Văn Khách", passcode);
        await guest.WaitForSelectorAsync("[data-role=waiting-room][data-state=waiting]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });

        // The host sees the knock and admits.
        await host.Locator("[data-role=knock-toast]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await host.ClickAsync("button[data-action=participants]");
        await host.ClickAsync("li[data-waiter] button[data-action=admit]");
        await guest.WaitForFunctionAsync("() => document.querySelector('[data-role=meeting]')?.dataset.state === 'joined'",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await host.ClickAsync("button[data-action=participants]");
        var guestId = await guest.GetAttributeAsync("[data-role=meeting]", "data-participant");
        var hostId = await host.GetAttributeAsync("[data-role=meeting]", "data-participant");

        // Both see and hear each other: decoded frames and audio packets keep rising, both ways.
        foreach (var page in new[] { host, guest })
        {
            var first = await WaitForStatsAsync(page, s => s.Video.Any(v => v.FramesDecoded > 0) && s.Audio.Any(a => a.PacketsReceived > 0), "video and audio from the other");
            await WaitForStatsAsync(page, s => s.Video.Sum(v => v.FramesDecoded) > first.Video.Sum(v => v.FramesDecoded) + 10
                && s.Audio.Sum(a => a.PacketsReceived) > first.Audio.Sum(a => a.PacketsReceived) + 10, "frames and audio packets rising");
        }

        // Chat both ways: the text appears at the other.
        await SendChatAsync(host, "Chào anh Khách, mời anh trình bày.");
        await OpenChatAsync(guest);
        await guest.Locator("[data-role=chat-messages] > li", new PageLocatorOptions { HasText = "Chào anh Khách, mời anh trình bày." })
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        await SendChatAsync(guest, "Thank you, starting now.");
        await host.Locator("[data-role=chat-messages] > li", new PageLocatorOptions { HasText = "Thank you, starting now." })
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        // A raised hand shows at the other, in words.
        await guest.ClickAsync("button[data-action=hand]");
        await host.Locator($"figure[data-participant=\"{guestId}\"][data-hand] [data-flag=hand]")
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });

        // Leaving: the other sees them gone within 5 s.
        await guest.ClickAsync("button[data-action=leave]");
        await host.WaitForFunctionAsync($"() => !document.querySelector('figure[data-participant=\"{guestId}\"]')",
            null, new PageWaitForFunctionOptions { Timeout = 5_000 });
        Assert.Equal(1, await host.Locator($"figure[data-participant=\"{hostId}\"]").CountAsync());

        hostRecorder.AssertOnlyRequestsTo(Server.BaseUrl);
        guestRecorder.AssertOnlyRequestsTo(Server.BaseUrl);
    }

    private static async Task EnterAsync(IPage page, string link, string? name, string passcode)
    {
        await page.GotoAsync(link);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=lobby]').dataset.media === 'ready'");
        if (name is null)
        {
            // A signed-in person's name is filled in for them.
            Assert.False(string.IsNullOrWhiteSpace(await page.InputValueAsync("input[name=displayName]")));
        }
        else
        {
            await page.FillAsync("input[name=displayName]", name);
        }

        await page.FillAsync("input[name=passcode]", passcode);
        await page.ClickAsync("button[data-action=join]");
    }

    private static async Task OpenChatAsync(IPage page)
    {
        if (await page.GetAttributeAsync("button[data-action=chat]", "aria-pressed") != "true")
        {
            await page.ClickAsync("button[data-action=chat]");
        }
    }

    private static async Task SendChatAsync(IPage page, string text)
    {
        await OpenChatAsync(page);
        await page.FillAsync("[data-role=chat-input]", text);
        await page.ClickAsync("button[data-action=send-chat]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=chat-input]').value === ''");
    }

    private static async Task<MeetingPage.Stats> WaitForStatsAsync(IPage page, Func<MeetingPage.Stats, bool> condition, string what)
    {
        var timeout = TimeSpan.FromSeconds(20);
        var deadline = DateTime.UtcNow + timeout;
        MeetingPage.Stats stats;
        do
        {
            var json = await page.EvaluateAsync<JsonElement>("() => window.anhopDiagnostics.stats()");
            stats = JsonSerializer.Deserialize<MeetingPage.Stats>(json.GetRawText(), JsonOptions)!;
            if (condition(stats))
            {
                return stats;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"{what} within {timeout}: {JsonSerializer.Serialize(stats)}");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };
}
