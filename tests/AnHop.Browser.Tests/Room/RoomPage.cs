using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Room;

/// <summary>
/// A page in the meeting room for the room's own tests: admitted without camera or microphone rights (no encoder, no
/// decoder: light on two cores), recording every request, dialog and main-frame navigation.
/// </summary>
public sealed class RoomPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private int _dialogs;
    private int _navigations;

    private RoomPage(IBrowserContext context, IPage page, PageRecorder recorder, string participantId)
    {
        _context = context;
        Page = page;
        Recorder = recorder;
        ParticipantId = participantId;
        page.Dialog += async (_, dialog) =>
        {
            Interlocked.Increment(ref _dialogs);
            await dialog.DismissAsync();
        };
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
            {
                Interlocked.Increment(ref _navigations);
            }
        };
        context.Page += (_, _) => Interlocked.Increment(ref _navigations);
    }

    /// <summary>Chat with links allowed, so that the client's own link rules are what the tests see.</summary>
    public static MeetingPolicy ChatPolicy { get; } = MeetingPolicy.SecureDefault with { ChatLinksAllowed = true };

    public IPage Page { get; }

    public PageRecorder Recorder { get; }

    public string ParticipantId { get; }

    /// <summary>Dialogs opened (alert, confirm, prompt) since the page joined.</summary>
    public int Dialogs => _dialogs;

    /// <summary>Main-frame navigations and new pages since the page joined.</summary>
    public int Navigations => _navigations;

    /// <summary>A light participant: no camera or microphone rights, English at the fixture's default size.</summary>
    public static Task<RoomPage> JoinAsync(BrowserFixture fixture, Guid meetingId, string name) =>
        JoinAsync(fixture, meetingId, name, MeetingRole.Participant, Capabilities.Subscribe | Capabilities.Chat | Capabilities.ChatLinks, "en", null);

    /// <param name="restrictTo">Without audio or video here, the person is muted or their camera stopped before joining.</param>
    /// <param name="size">The viewport; null for the fixture's default.</param>
    public static async Task<RoomPage> JoinAsync(BrowserFixture fixture, Guid meetingId, string name, MeetingRole role,
        Capabilities? restrictTo, string language, FormFactor? size)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var ticket = await LiveAdmission.AdmitAsync(fixture.Server, meetingId, name, role, ChatPolicy, restrictTo);
        var (context, page, recorder) = size is null ? await fixture.NewPageAsync() : await LocalisedPages.NewPageAsync(fixture, language, size);
        await page.GotoAsync("/meeting#ticket=" + ticket);
        await page.WaitForFunctionAsync("() => ['joined', 'failed'].includes(document.querySelector('[data-role=meeting]')?.dataset.state)",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Equal("joined", await page.GetAttributeAsync("[data-role=meeting]", "data-state"));
        var participantId = await page.GetAttributeAsync("[data-role=meeting]", "data-participant") ?? "";
        var joined = new RoomPage(context, page, recorder, participantId);
        joined._navigations = 0;
        return joined;
    }

    /// <summary>Opens the chat panel (if closed) and sends <paramref name="text"/> as a person would.</summary>
    public async Task SendChatAsync(string text)
    {
        if (await Page.GetAttributeAsync("button[data-action=chat]", "aria-pressed") != "true")
        {
            await Page.ClickAsync("button[data-action=chat]");
        }

        await Page.FillAsync("[data-role=chat-input]", text);
        // Past the server's burst (HubThrottle: 20, then 2 a second) a fast sender is told to wait, and the text stays
        // in the box: like a person, wait and send again.
        for (var attempt = 0; ; attempt++)
        {
            await Page.ClickAsync("button[data-action=send-chat]");
            var outcome = await Page.WaitForFunctionAsync("""
                () => document.querySelector('[data-role=chat-input]').value === '' ? 'sent'
                    : document.querySelector('[data-role=chat-error]').dataset.kind ?? false
                """, null, new PageWaitForFunctionOptions { Timeout = 10_000 });
            var result = await outcome.JsonValueAsync<string>();
            if (result == "sent")
            {
                return;
            }

            Assert.True(result == "throttled" && attempt < 5, $"sending a chat message failed: {result}");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    public Task WaitForMessagesAsync(int count) =>
        Page.WaitForFunctionAsync($"() => document.querySelectorAll('[data-role=chat-messages] > li').length >= {count}", null,
            new PageWaitForFunctionOptions { Timeout = 10_000 });

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
