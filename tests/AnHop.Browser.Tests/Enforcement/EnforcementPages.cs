using System.Text.Json;
using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Enforcement;

/// <summary>Steps the enforcement tests share: a guest through the entry page, a host by ticket, decoded frames.</summary>
internal static class EnforcementPages
{
    public const string Passcode = "Hn4#pQ8x";

    private static readonly PageWaitForFunctionOptions Patient = new() { Timeout = 25_000 };

    /// <summary>A guest opens the meeting link, gives name and passcode and is left waiting.</summary>
    public static async Task KnockAsync(IPage page, string code, string name)
    {
        await page.GotoAsync($"/m/{code}");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=lobby]').dataset.media === 'ready'");
        await page.FillAsync("input[name=displayName]", name);
        await page.FillAsync("input[name=passcode]", Passcode);
        await page.ClickAsync("button[data-action=join]");
    }

    /// <summary>The host enters with a pre-admitted ticket (as their own admission would give them).</summary>
    /// <returns>The host's join ticket, for the secret scan.</returns>
    public static async Task<string> HostArrivesAsync(AnHopServer server, Guid meetingId, IPage page)
    {
        var ticket = await LiveAdmission.AdmitAsync(server, meetingId, "Chủ trì", MeetingRole.Host, MeetingPolicy.SecureDefault);
        await page.GotoAsync("/meeting#ticket=" + ticket);
        await WaitJoinedAsync(page);
        return ticket;
    }

    /// <summary>Answers the room's in-page confirm dialog (remove, ban, end for all) with its confirm button.</summary>
    public static async Task ConfirmAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync("dialog[data-role=confirm-dialog][open] button[data-action=confirm-accept]");
        await page.WaitForSelectorAsync("dialog[data-role=confirm-dialog]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Hidden });
    }

    public static Task WaitJoinedAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.querySelector('[data-role=meeting]')?.dataset.state === 'joined'", null, Patient);

    /// <summary>Frames decoded so far on each remote video this page receives, by track.</summary>
    public static async Task<Dictionary<string, long>> FramesDecodedAsync(IPage page)
    {
        var stats = await page.EvaluateAsync<JsonElement>("() => window.anhopDiagnostics.stats()");
        return stats.GetProperty("inbound").EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "video")
            .ToDictionary(i => i.GetProperty("trackIdentifier").GetString()!, i => i.GetProperty("framesDecoded").GetInt64());
    }

    /// <summary>Waits until some remote video on this page decodes frames, then until that count has risen further.</summary>
    public static async Task AssertVideoFlowsAsync(IPage page, string who)
    {
        var first = await WaitForAsync(page, frames => frames.Values.Any(f => f > 0), who + ": a remote video decoding");
        var total = first.Values.Sum();
        await WaitForAsync(page, frames => frames.Values.Sum() > total + 10, who + ": the remote video still decoding");
    }

    private static async Task<Dictionary<string, long>> WaitForAsync(IPage page, Func<Dictionary<string, long>, bool> condition, string what)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var frames = await FramesDecodedAsync(page);
            if (condition(frames))
            {
                return frames;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what}: {JsonSerializer.Serialize(await FramesDecodedAsync(page))}");
    }
}
