using AnHop.Browser.Tests.Harness;
using AnHop.Server.Media;
using AnHop.Server.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Enforcement;

/// <summary>
/// Issue 5's browser checks of the waiting room and removal, through the real entry page, waiting room, participants
/// panel and media path: a guest who comes early waits and the host's arrival admits nobody; a removed person's media
/// stops and the same person (same browser, same device cookie) cannot come back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitingRoomEnforcementTests(BrowserFixture fixture, AdmissionServer admission) : IClassFixture<AdmissionServer>
{
    private readonly List<PageRecorder> _recorders = [];
    private string? _hostTicket;

    [Fact]
    public async Task A_guest_who_arrives_before_the_host_waits_is_admitted_by_the_host_and_media_flows_both_ways()
    {
        var (guest, host, guestContext, hostContext, _) = await GuestAdmittedAsync("Khách đến sớm", "Đến sớm");
        await using var _ = guestContext;
        await using var __ = hostContext;

        await EnforcementPages.AssertVideoFlowsAsync(host, "host");
        await EnforcementPages.AssertVideoFlowsAsync(guest, "guest");

        // Neither the passcode nor the host's ticket is in a URL either browser requested or shows, or in a log line.
        Assert.Contains(_recorders.SelectMany(r => r.Requests), r => r.Contains("/api/admission", StringComparison.Ordinal));
        SecretScan.AssertAbsent([EnforcementPages.Passcode, _hostTicket!],
            _recorders.SelectMany(r => r.Requests), [guest.Url, host.Url], admission.Server.LogLines);
    }

    [Fact]
    public async Task A_removed_guest_loses_their_media_at_once_and_cannot_knock_again_from_the_same_browser()
    {
        var (guest, host, guestContext, hostContext, meeting) = await GuestAdmittedAsync("Khách bị mời ra", "Bị mời ra");
        await using var _ = guestContext;
        await using var __ = hostContext;
        await EnforcementPages.AssertVideoFlowsAsync(host, "host before the removal");
        var guestId = await guest.GetAttributeAsync("[data-role=meeting]", "data-participant") ?? "";
        var media = admission.Server.Services.GetRequiredService<MeetingMedia>();
        Assert.Contains(guestId, media.Describe(meeting.Id.ToString()), StringComparison.Ordinal);

        var row = $"[data-role=participants] li[data-participant=\"{guestId}\"]";
        await host.WaitForSelectorAsync(row);
        await host.ClickAsync(row + " summary");
        await host.ClickAsync(row + " button[data-action=remove]");
        await EnforcementPages.ConfirmAsync(host);

        // The host's roster lost the guest, and the SFU holds no transport or producer of theirs and forwards nothing of them
        await host.WaitForSelectorAsync(row, new PageWaitForSelectorOptions { State = WaitForSelectorState.Detached, Timeout = 10_000 });
        // (the host's m-line for the guest's video stays for reuse, inactive).
        var described = media.Describe(meeting.Id.ToString());
        Assert.DoesNotContain(guestId + ": send", described, StringComparison.Ordinal);
        Assert.DoesNotContain("active True of " + guestId, described, StringComparison.Ordinal);
        var room = admission.Server.Services.GetRequiredService<AnHop.Core.Meetings.Live.LiveMeetings>().Find(meeting.Id)!;
        Assert.DoesNotContain(room.Participants(), p => p.Id == guestId);

        // Same browser (device cookie), new admission: the pass is issued, but the knock is refused and the host hears nothing.
        var again = await guestContext.NewPageAsync();
        await EnforcementPages.KnockAsync(again, meeting.Code, "Tên khác");
        await again.WaitForSelectorAsync("[data-role=join-error][data-kind=refused]", new PageWaitForSelectorOptions { Timeout = 15_000 });
        Assert.True(await again.IsVisibleAsync("[data-role=prejoin]"));
        Assert.Empty(room.Waiting());
        Assert.Equal(0, await host.Locator("li[data-waiter]").CountAsync());
        Assert.Contains(admission.Server.LogLines, l => l.Contains("Knock refused", StringComparison.Ordinal) && l.Contains("cannot join", StringComparison.Ordinal));
    }

    private async Task<(IPage Guest, IPage Host, IBrowserContext GuestContext, IBrowserContext HostContext, (string Code, Guid Id) Meeting)>
        GuestAdmittedAsync(string title, string name)
    {
        var (code, _, meetingId) = await ScheduledMeetings.CreateAsync(admission.Server, title, EnforcementPages.Passcode);
        var (guestContext, guest, guestRecorder) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop, admission.Server);
        await EnforcementPages.KnockAsync(guest, code, name);
        await guest.WaitForSelectorAsync("[data-role=waiting-room][data-state=waiting]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });

        var (hostContext, host, hostRecorder) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop, admission.Server);
        _recorders.AddRange([guestRecorder, hostRecorder]);
        _hostTicket = await EnforcementPages.HostArrivesAsync(admission.Server, meetingId, host);

        // The host is in and sees the early guest waiting; the guest is still waiting: arriving admitted nobody.
        await host.ClickAsync("button[data-action=participants]");
        var admit = host.Locator("li[data-waiter] button[data-action=admit]");
        var room = admission.Server.Services.GetRequiredService<AnHop.Core.Meetings.Live.LiveMeetings>().Find(meetingId)!;
        try
        {
            await admit.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        }
        catch (TimeoutException)
        {
            var list = await host.InnerHTMLAsync("[data-role=participants]");
            var guestState = await guest.GetAttributeAsync("[data-role=waiting-room]", "data-state");
            throw new TimeoutException($"no Admit button at the host: server waiting {room.Waiting().Count}, guest {guestState}, "
                + $"host panel {list}, problems {string.Join(" | ", guestRecorder.Problems.Concat(hostRecorder.Problems))}");
        }

        Assert.Equal($"Admit {name}", await admit.GetAttributeAsync("aria-label"));
        Assert.Equal("waiting", await guest.GetAttributeAsync("[data-role=waiting-room]", "data-state"));
        Assert.Single(room.Waiting());

        await admit.ClickAsync();
        await EnforcementPages.WaitJoinedAsync(guest);
        return (guest, host, guestContext, hostContext, (code, meetingId));
    }
}
