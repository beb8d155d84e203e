using System.Text.Json;
using AnHop.Core.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Harness;

/// <summary>A Chromium page in a meeting, joined with a ticket the server issued (as the admission flow will).</summary>
public sealed class MeetingPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private MeetingPage(IBrowserContext context, IPage page, PageRecorder recorder, string participantId)
    {
        _context = context;
        Page = page;
        Recorder = recorder;
        ParticipantId = participantId;
    }

    public const Capabilities Everything = Capabilities.PublishAudio | Capabilities.PublishVideo | Capabilities.Subscribe;

    public IPage Page { get; }

    public PageRecorder Recorder { get; }

    public string ParticipantId { get; }

    public static async Task<MeetingPage> JoinAsync(BrowserFixture fixture, AnHopServer server, string meetingId, string name,
        Capabilities capabilities = Everything)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(server);
        // Screen sharing comes with hosting under the default policy; fewer rights are the host's mute and camera stop.
        var role = capabilities.HasFlag(Capabilities.PublishScreen) ? MeetingRole.Host : MeetingRole.Participant;
        var ticket = await LiveAdmission.AdmitAsync(server, Guid.Parse(meetingId), name, role, restrictTo: capabilities);
        var (context, page, recorder) = await fixture.NewPageAsync(server);
        await page.GotoAsync("/meeting#ticket=" + ticket);
        await page.WaitForFunctionAsync("() => ['joined', 'failed'].includes(document.querySelector('[data-role=meeting]').dataset.state)",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        var state = await page.GetAttributeAsync("[data-role=meeting]", "data-state");
        Assert.True(state == "joined", $"{name} did not join: {await page.TextContentAsync("[data-role=status]")}");
        var participantId = await page.GetAttributeAsync("[data-role=meeting]", "data-participant") ?? "";
        return new MeetingPage(context, page, recorder, participantId);
    }

    public async Task<Stats> StatsAsync()
    {
        var json = await Page.EvaluateAsync<JsonElement>("() => window.anhopDiagnostics.stats()");
        return JsonSerializer.Deserialize<Stats>(json.GetRawText(), JsonOptions)!;
    }

    /// <summary>Waits until <paramref name="condition"/> holds for this page's statistics, or fails with the last ones seen.</summary>
    public async Task<Stats> WaitForStatsAsync(Func<Stats, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Stats stats;
        do
        {
            stats = await StatsAsync();
            if (condition(stats))
            {
                return stats;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"{what} within {timeout}: {JsonSerializer.Serialize(stats)}");
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public sealed record Stats(Inbound[] Inbound, Outbound[] Outbound, string[] SrtpCiphers, string[] DtlsStates)
    {
        public IEnumerable<Inbound> Video => Inbound.Where(i => i.Kind == "video");

        public IEnumerable<Inbound> Audio => Inbound.Where(i => i.Kind == "audio");
    }

    public sealed record Inbound(string Kind, string TrackIdentifier, long PacketsReceived, long PacketsLost, long FramesDecoded,
        long FreezeCount, long NackCount, long PliCount, long FirCount, long FrameWidth, long FrameHeight, double TotalFreezesDuration);

    public sealed record Outbound(string Kind, string? Rid, long PacketsSent, long FramesEncoded, long NackCount, long PliCount, long FirCount);
}
