using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Room;

/// <summary>
/// A network blip on one page: the hub connection drops, the client reconnects, rejoins as the same participant
/// (no waiting room), keeps its chat history, chats both ways again and decodes the other page's video again.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReconnectionTests(BrowserFixture fixture)
{
    /// <summary>
    /// Keeps the page's WebSockets reachable so that the test can drop them: Chromium's offline emulation refuses new
    /// connections but leaves an open WebSocket alone.
    /// </summary>
    private const string TrackSockets = """
        (() => {
          const Native = window.WebSocket;
          window.__testSockets = [];
          window.WebSocket = class extends Native {
            constructor(...args) { super(...args); window.__testSockets.push(this); }
          };
        })();
        """;

    private const string MeetingState = "document.querySelector('[data-role=meeting]')?.dataset.state";

    [Fact]
    public async Task After_a_network_blip_the_page_rejoins_as_the_same_participant_keeps_its_chat_and_media_flows_again()
    {
        var meeting = Guid.NewGuid();
        // An publishes a camera (the fake device) so that Bình's page has a video to decode before and after the blip.
        await using var an = await RoomPage.JoinAsync(fixture, meeting, "An", MeetingRole.Participant,
            Capabilities.Subscribe | Capabilities.Chat | Capabilities.PublishVideo, "en", null);

        var ticket = await LiveAdmission.AdmitAsync(fixture.Server, meeting, "Bình", MeetingRole.Participant, RoomPage.ChatPolicy,
            Capabilities.Subscribe | Capabilities.Chat);
        var (context, binh, _) = await fixture.NewPageAsync();
        await using var ownedContext = context;
        await binh.AddInitScriptAsync(TrackSockets);
        await binh.GotoAsync("/meeting#ticket=" + ticket);
        await binh.WaitForFunctionAsync($"() => ['joined', 'failed'].includes({MeetingState})", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Equal("joined", await binh.GetAttributeAsync("[data-role=meeting]", "data-state"));
        var binhId = await binh.GetAttributeAsync("[data-role=meeting]", "data-participant");
        Assert.False(string.IsNullOrEmpty(binhId));

        await an.SendChatAsync("Trước khi mất mạng");
        await WaitForMessagesAsync(binh, 1);
        await WaitForFramesAsync(binh, an.ParticipantId, 10);

        // The blip: offline (no new connection can open), the hub's WebSocket dropped as a lost network drops it,
        // three seconds later online again.
        await context.SetOfflineAsync(true);
        var dropped = await binh.EvaluateAsync<int>("""
            () => {
              const open = window.__testSockets.filter(s => s.readyState === WebSocket.OPEN);
              for (const s of open) s.close(4000, 'network blip');
              return open.length;
            }
            """);
        Assert.True(dropped > 0, "the hub's WebSocket was open before the blip");
        await binh.WaitForFunctionAsync($"() => {MeetingState} === 'reconnecting'", null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        await Task.Delay(TimeSpan.FromSeconds(3));
        await context.SetOfflineAsync(false);

        await binh.WaitForFunctionAsync($"() => ['joined', 'failed', 'left'].includes({MeetingState})", null,
            new PageWaitForFunctionOptions { Timeout = 40_000 });
        Assert.Equal("joined", await binh.GetAttributeAsync("[data-role=meeting]", "data-state"));
        // Rejoin kept the participant: the single-use ticket could not have admitted a new one, and no waiting room.
        Assert.Equal(binhId, await binh.GetAttributeAsync("[data-role=meeting]", "data-participant"));
        Assert.Equal(binhId, await binh.EvaluateAsync<string>("() => window.anhopDiagnostics.participantId"));

        // The history is still there once (merged by id, not doubled).
        Assert.Equal(["Trước khi mất mạng"], await ChatTextsAsync(binh));

        // Chat goes both ways after the blip.
        await SendChatAsync(binh, "Đã kết nối lại");
        await an.WaitForMessagesAsync(2);
        await an.SendChatAsync("Nghe rõ");
        await WaitForMessagesAsync(binh, 3);
        Assert.Equal(["Trước khi mất mạng", "Đã kết nối lại", "Nghe rõ"], await ChatTextsAsync(binh));
        Assert.Equal(["Trước khi mất mạng", "Đã kết nối lại", "Nghe rõ"],
            await an.Page.EvalOnSelectorAllAsync<string[]>("[data-role=chat-messages] .chat-text", "e => e.map(x => x.textContent)"));

        // An's video decodes again at Bình's page, on the new media session: frames rise on the tile's video.
        var before = await FramesAsync(binh, an.ParticipantId);
        await WaitForFramesAsync(binh, an.ParticipantId, before + 10);
    }

    private static Task<int> FramesAsync(IPage page, string participantId) =>
        page.EvaluateAsync<int>($"() => document.querySelector('figure[data-participant=\"{participantId}\"] video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0");

    private static Task WaitForFramesAsync(IPage page, string participantId, int frames) =>
        page.WaitForFunctionAsync(
            $"() => (document.querySelector('figure[data-participant=\"{participantId}\"] video')?.getVideoPlaybackQuality().totalVideoFrames ?? 0) >= {frames}",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });

    private static Task WaitForMessagesAsync(IPage page, int count) =>
        page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-role=chat-messages] > li').length >= {count}", null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });

    private static Task<string[]> ChatTextsAsync(IPage page) =>
        page.EvalOnSelectorAllAsync<string[]>("[data-role=chat-messages] .chat-text", "e => e.map(x => x.textContent)");

    private static async Task SendChatAsync(IPage page, string text)
    {
        if (await page.GetAttributeAsync("button[data-action=chat]", "aria-pressed") != "true")
        {
            await page.ClickAsync("button[data-action=chat]");
        }

        await page.FillAsync("[data-role=chat-input]", text);
        await page.ClickAsync("button[data-action=send-chat]");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=chat-input]').value === ''", null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
    }
}
