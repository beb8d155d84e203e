// Join → first decoded remote frame, as a person joining a meeting sees it: from opening the meeting page (with a
// join ticket) to the first frame of a remote camera presented, measured by the page (requestVideoFrameCallback,
// performance.now() since navigation). One publisher stays in the meeting; each trial is a fresh browser context
// that joins with camera and microphone, waits for the publisher's video, and leaves.
using System.Globalization;
using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Core.Policies;
using AnHop.Server.Meetings;
using AnHop.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

var trials = args.Length >= 2 && args[0] == "--trials" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
TestNetwork.RequireIsolatedNamespace();
await using var server = await AnHopServer.StartAsync();
var (playwright, browser) = await Chromium.LaunchAsync();
using var _ = playwright;
var rooms = server.Services.GetRequiredService<LiveRooms>();
var dispatcher = server.Services.GetRequiredService<LiveMeetingDispatcher>();
var meetingId = Guid.NewGuid();

// Admission as the hub's Knock does it for a pre-admitted participant (the waiting room and the passcode page are
// people's time, not the media path's); the page then redeems the join ticket.
async Task<string> AdmitAsync(string name)
{
    var pass = new AdmissionPass(meetingId, "bench", "Bench", name, MeetingRole.Participant, PreAdmitted: true, AccountId: null,
        InvitationId: null, DeviceId: Guid.NewGuid().ToString("N"), IpAddress: "127.0.0.1", MeetingPolicy.SecureDefault,
        DateTimeOffset.UtcNow.AddMinutes(5));
    var room = await rooms.OpenAsync(pass);
    var knock = room.Knock(pass, "bench-" + Guid.NewGuid().ToString("N"));
    if (knock.State != KnockState.Admitted || knock.Participant is null)
    {
        throw new InvalidOperationException($"{name} was not admitted: {knock.State} {knock.Problem}");
    }

    await dispatcher.DispatchAsync(room, knock.Events);
    return dispatcher.IssueTicket(room, knock.Participant, knock.Capabilities);
}

async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string name)
{
    var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseUrl.ToString(), ViewportSize = new() { Width = 800, Height = 600 } });
    var page = await context.NewPageAsync();
    var ticket = await AdmitAsync(name);
    await page.GotoAsync("/meeting#ticket=" + ticket);
    return (context, page);
}

var (publisherContext, publisherPage) = await OpenAsync("publisher");
await publisherPage.WaitForFunctionAsync("() => document.querySelector('[data-role=meeting]').dataset.state === 'joined'");

// One warm-up join (JIT, first getUserMedia in the browser), not counted.
var results = new List<double>();
// The page's join timeline: the first anhop:* mark of each name and the HTML's arrival, ms since navigation.
string[] phases = ["html", "script", "hub-connected", "subscription-offer", "join-answered", "subscription-answered", "user-media",
    "receive-ice-connected", "receive-dtls-connected", "publish-answered", "first-rtp-video", "first-frame"];
var timelines = new List<Dictionary<string, double>>();
const string TimelineScript = """
    () => {
      const marks = { html: performance.getEntriesByType('navigation')[0]?.responseEnd ?? 0 };
      for (const m of performance.getEntriesByType('mark')) if (m.name.startsWith('anhop:') && !(m.name.slice(6) in marks)) marks[m.name.slice(6)] = m.startTime;
      return marks;
    }
    """;
for (var i = -1; i < trials; i++)
{
    var (context, page) = await OpenAsync($"viewer-{i + 1}");
    var firstFrame = await page.WaitForFunctionAsync("() => window.anhopDiagnostics?.firstRemoteFrameMs", null,
        new PageWaitForFunctionOptions { Timeout = 20_000, PollingInterval = 10 });
    var ms = await firstFrame.JsonValueAsync<double>();
    if (i >= 0)
    {
        results.Add(ms);
        timelines.Add(await page.EvaluateAsync<Dictionary<string, double>>(TimelineScript));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trial {i + 1,3}: {ms,7:0} ms"));
    }

    await page.ClickAsync("button[data-action=leave]");
    await context.DisposeAsync();
}

results.Sort();
double Percentile(double q) => results[(int)Math.Clamp(Math.Ceiling(q * results.Count) - 1, 0, results.Count - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"join → first decoded remote frame over {results.Count} joins: p50 {Percentile(0.5):0} ms, p95 {Percentile(0.95):0} ms, min {results[0]:0} ms, max {results[^1]:0} ms"));
Console.WriteLine("phase (ms since navigation)        p50     p95   (joins that reached it)");
foreach (var phase in phases)
{
    var times = timelines.Where(t => t.ContainsKey(phase)).Select(t => t[phase]).Order().ToList();
    if (times.Count == 0)
    {
        continue;
    }

    double At(double q) => times[(int)Math.Clamp(Math.Ceiling(q * times.Count) - 1, 0, times.Count - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-30} {At(0.5),7:0} {At(0.95),7:0}   ({times.Count})"));
}

await publisherContext.DisposeAsync();
await browser.CloseAsync();
