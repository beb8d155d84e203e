using System.Text.Json;
using AnHop.Browser.Tests.Harness;

namespace AnHop.Browser.Tests.Room;

/// <summary>
/// Chat between two real pages through the live meeting hub: hostile messages render inert, messages go both ways,
/// a raised hand shows at the other page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChatSafetyTests(BrowserFixture fixture)
{
    /// <summary>Messages as an attacker would send them; each is accepted by the server's own checks.</summary>
    private static readonly string[] HostileCorpus =
    [
        @"\\fileserver\share\luong.xlsx",
        @"\\?\UNC\fileserver\share\secret",
        @"\\.\pipe\spool",
        "//fileserver/share/x",
        "file:///C:/Windows/win.ini",
        "file://fileserver/share",
        "smb://fileserver/share",
        "javascript:alert(document.cookie)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>window.pwned=1</script>",
        "vbscript:msgbox(1)",
        "ftp://files.example.vn/x",
        "<img src=x onerror=\"window.pwned=1\">",
        "<script>window.pwned=1</script>",
        "<a href=\"javascript:window.pwned=1\">bấm vào đây</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "http://user:pass@evil.example/login",
        "https://admin@evil.example",
        "Xem tài liệu\u202Egpj.exe tại đây",
        "Hạn chót\u2066 http://example.vn/\u2069 nhé",
        "xhttps://evil.example/glued",
        "https://example.vn/bao-cao?nam=2026&quy=3 và http://example.vn/a.",
        "{{constructor.constructor('window.pwned=1')()}}",
        new string('Đ', 2000),
    ];

    [Fact]
    public async Task Hostile_chat_messages_render_inert_text_and_only_web_links_through_the_away_page()
    {
        var meeting = Guid.NewGuid();
        await using var sender = await RoomPage.JoinAsync(fixture, meeting, "An");
        await using var reader = await RoomPage.JoinAsync(fixture, meeting, "Bình");
        await reader.Page.ClickAsync("button[data-action=chat]");

        Assert.Equal(2000, await sender.Page.EvalOnSelectorAsync<int>("[data-role=chat-input]", "e => e.maxLength"));
        for (var i = 0; i < HostileCorpus.Length; i++)
        {
            await sender.SendChatAsync(HostileCorpus[i]);
            await reader.WaitForMessagesAsync(i + 1);
        }

        // Every node in every rendered message is text, or an anchor holding only text that leads to /away with a web
        // address, opened without opener or referrer.
        var report = await reader.Page.EvaluateAsync<JsonElement>("""
            () => {
              const problems = [];
              const links = [];
              for (const body of document.querySelectorAll('[data-role=chat-messages] .chat-text')) {
                for (const node of body.childNodes) {
                  if (node.nodeType === Node.TEXT_NODE) continue;
                  if (node.nodeName !== 'A') { problems.push('element ' + node.nodeName); continue; }
                  if ([...node.childNodes].some(c => c.nodeType !== Node.TEXT_NODE)) problems.push('anchor with an element inside');
                  if (node.rel !== 'noopener noreferrer') problems.push('rel ' + node.rel);
                  if (node.target !== '_blank') problems.push('target ' + node.target);
                  const href = new URL(node.href);
                  if (href.origin !== location.origin || href.pathname !== '/away') problems.push('href ' + node.href);
                  const address = decodeURIComponent(href.hash.slice(1));
                  if (!/^https?:\/\//.test(address) || new URL(address).username || new URL(address).password) problems.push('address ' + address);
                  links.push(address);
                }
              }
              return { problems, links, pwned: window.pwned === undefined ? null : String(window.pwned),
                       messages: [...document.querySelectorAll('[data-role=chat-messages] .chat-text')].map(e => e.textContent) };
            }
            """);
        Assert.Empty(report.GetProperty("problems").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("pwned").ValueKind);
        // A web address inside markup is still only a web address: it leads to the warning page like any other.
        Assert.Equal(["https://evil.example/", "http://example.vn/", "https://example.vn/bao-cao?nam=2026&quy=3", "http://example.vn/a"],
            report.GetProperty("links").EnumerateArray().Select(l => l.GetString()!).ToArray());

        // The text arrives whole (the server removes bidirectional controls; nothing else is changed or lost).
        var shown = report.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToArray();
        var expected = HostileCorpus.Select(m => new string(m.Where(c => c is not (>= '\u202A' and <= '\u202E') and not (>= '\u2066' and <= '\u2069')).ToArray()).Trim()).ToArray();
        Assert.Equal(expected, shown);

        foreach (var page in new[] { sender, reader })
        {
            Assert.Equal(0, page.Dialogs);
            Assert.Equal(0, page.Navigations);
            page.Recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        }
    }

    [Fact]
    public async Task Chat_goes_both_ways_and_a_raised_hand_shows_at_the_other_page()
    {
        var meeting = Guid.NewGuid();
        await using var an = await RoomPage.JoinAsync(fixture, meeting, "An");
        await using var binh = await RoomPage.JoinAsync(fixture, meeting, "Bình");

        await an.SendChatAsync("Chào Bình, nghe rõ không?");
        await binh.WaitForMessagesAsync(1);
        await binh.SendChatAsync("Chào An, rõ ạ.");
        await an.WaitForMessagesAsync(2);
        foreach (var page in new[] { an, binh })
        {
            var texts = await page.Page.EvalOnSelectorAllAsync<string[]>("[data-role=chat-messages] .chat-text", "e => e.map(x => x.textContent)");
            Assert.Equal(["Chào Bình, nghe rõ không?", "Chào An, rõ ạ."], texts);
            var names = await page.Page.EvalOnSelectorAllAsync<string[]>("[data-role=chat-messages] .chat-meta strong", "e => e.map(x => x.textContent)");
            Assert.Equal(["An", "Bình"], names);
        }

        // Bình raises a hand with the button: An's page shows it on Bình's tile and in the participants panel.
        await binh.Page.ClickAsync("button[data-action=hand]");
        var tile = $"figure[data-participant=\"{binh.ParticipantId}\"]";
        await an.Page.WaitForSelectorAsync($"{tile}[data-hand] [data-flag=hand]", new() { Timeout = 10_000 });
        await an.Page.ClickAsync("button[data-action=participants]");
        await an.Page.WaitForSelectorAsync($"[data-role=participants] li[data-participant=\"{binh.ParticipantId}\"] .participant-state");

        // And lowers it with the H shortcut (focus outside any text field).
        await binh.Page.Locator("button[data-action=hand]").FocusAsync();
        await binh.Page.Keyboard.PressAsync("h");
        await an.Page.WaitForSelectorAsync($"{tile}:not([data-hand])", new() { Timeout = 10_000 });
        Assert.Equal("false", await binh.Page.GetAttributeAsync("button[data-action=hand]", "aria-pressed"));
    }

    [Fact]
    public async Task A_flood_of_chat_is_cut_at_the_servers_burst_and_the_sender_is_told_to_wait()
    {
        var meeting = Guid.NewGuid();
        await using var flooder = await RoomPage.JoinAsync(fixture, meeting, "Lũ");
        await using var reader = await RoomPage.JoinAsync(fixture, meeting, "Đọc");
        await flooder.Page.ClickAsync("button[data-action=chat]");
        await reader.Page.ClickAsync("button[data-action=chat]");

        // Forty submissions at script speed, far faster than the 2 a second the bucket refills after its burst of 20.
        await flooder.Page.EvaluateAsync("""
            () => {
              const input = document.querySelector('[data-role=chat-input]');
              const form = input.closest('form');
              for (let i = 1; i <= 40; i++) { input.value = 'tin ' + i; form.requestSubmit(); }
            }
            """);
        await flooder.Page.WaitForSelectorAsync("[data-role=chat-error][data-kind=throttled]", new() { Timeout = 10_000 });
        Assert.Equal("Bạn gửi quá nhanh: hãy chờ vài giây rồi gửi lại.", await flooder.Page.InnerTextAsync("[data-role=chat-error]"));

        // The reader got the burst (and perhaps a refill or two), never all forty.
        await reader.WaitForMessagesAsync(HubThrottleBurst);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var received = await reader.Page.Locator("[data-role=chat-messages] > li").CountAsync();
        Assert.InRange(received, HubThrottleBurst, 39);
    }

    private const int HubThrottleBurst = AnHop.Server.Meetings.HubThrottle.ChatBurst;
}
