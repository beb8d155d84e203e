using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using AnHop.Core.Policies;
using AnHop.Server.Meetings;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Lobby;

/// <summary>Admission through the entry page against scheduled meetings: the waiting room and the refusals.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitingRoomTests(BrowserFixture fixture, AdmissionServer admission) : IClassFixture<AdmissionServer>
{
    private const string Passcode = "Hn4#pQ8x";

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public async Task A_guest_with_the_right_passcode_waits_for_the_host_and_the_screen_passes_the_scan_at_both_sizes(string language)
    {
        foreach (var size in FormFactor.Both)
        {
            var (code, title, _) = await ScheduledMeetings.CreateAsync(admission.Server, "Giao ban tuần – Sở Thông tin", Passcode);
            var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, language, size, admission.Server);
            await using var _ = context;
            await OpenAsync(page, code);

            await page.FillAsync("input[name=displayName]", "Lê Thị Hoa");
            await page.FillAsync("input[name=passcode]", Passcode);
            await page.ClickAsync("button[data-action=join]");
            await page.WaitForSelectorAsync("[data-role=waiting-room][data-state=waiting]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });

            Assert.Equal(title, await page.TextContentAsync("[data-role=waiting-title]"));
            Assert.Equal("waiting", await page.GetAttributeAsync("[data-role=lobby]", "data-state"));
            Assert.True(await page.IsHiddenAsync("[data-role=prejoin]"));
            Assert.Equal("polite", await page.GetAttributeAsync("[data-role=waiting-status]", "aria-live"));
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"waiting room {language} {size.Name}");
            await Screenshots.SaveAsync(page, "waiting-room", language, size);

            // Leaving returns to the form, says so, and the camera preview plays again.
            await page.ClickAsync("button[data-action=leave-waiting]");
            await page.WaitForSelectorAsync("[data-role=join-error][data-kind=left]");
            Assert.True(await page.IsVisibleAsync("[data-role=prejoin]"));
            Assert.True(await page.IsHiddenAsync("[data-role=waiting-room]"));

            recorder.AssertOnlyRequestsTo(admission.Server.BaseUrl);
            recorder.AssertNoConsoleProblems();
        }
    }

    [Fact]
    public async Task A_guest_let_in_by_the_host_enters_the_meeting_view_on_the_same_page()
    {
        var (code, _, meetingId) = await ScheduledMeetings.CreateAsync(admission.Server, "Họp giao ban", Passcode);
        var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, "vi", FormFactor.Desktop, admission.Server);
        await using var _ = context;
        await KnockAsync(page, code, "Phạm Minh Đức");
        var host = await HostAsync(meetingId);

        var waiter = Assert.Single(host.Room.Waiting());
        Assert.Equal("Phạm Minh Đức", waiter.DisplayName);
        Assert.Equal("Bạn đang chờ Chủ trì, người chủ trì cuộc họp này.", await page.TextContentAsync("[data-role=waiting-who]"));
        await host.DecideAsync(room => room.Admit(host.Id, waiter.Id));

        await page.WaitForFunctionAsync("() => ['joined', 'failed'].includes(document.querySelector('[data-role=meeting]')?.dataset.state)",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        Assert.Equal("joined", await page.GetAttributeAsync("[data-role=meeting]", "data-state"));
        Assert.Equal(0, await page.Locator("[data-role=prejoin]").CountAsync());
        recorder.AssertOnlyRequestsTo(admission.Server.BaseUrl);
    }

    [Fact]
    public async Task The_host_hears_the_knock_sees_the_guest_in_the_waiting_list_and_admits_them_into_the_meeting()
    {
        var (code, _, meetingId) = await ScheduledMeetings.CreateAsync(fixture.Server, "Họp chuyên đề", Passcode);
        var hostTicket = await LiveAdmission.AdmitAsync(fixture.Server, meetingId, "Chủ trì", MeetingRole.Host, MeetingPolicy.SecureDefault);
        var (hostContext, host, hostRecorder) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop);
        await using var _ = hostContext;
        await host.GotoAsync("/meeting#ticket=" + hostTicket);
        await host.WaitForFunctionAsync("() => document.querySelector('[data-role=meeting]')?.dataset.state === 'joined'",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });

        var (guestContext, guest, _) = await LocalisedPages.NewPageAsync(fixture, "vi", FormFactor.Desktop);
        await using var __ = guestContext;
        await KnockAsync(guest, code, "Hoàng Thị Mai");

        // The knock: a toast with the name, and the person in the host's waiting list.
        var toast = host.Locator("[data-role=knock-toast]");
        await toast.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("Hoàng Thị Mai is waiting to join.", (await toast.Locator("p").TextContentAsync())?.Trim());
        await host.ClickAsync("button[data-action=participants]");
        var admit = host.Locator("li[data-waiter] button[data-action=admit]");
        await admit.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("Admit Hoàng Thị Mai", await admit.GetAttributeAsync("aria-label"));
        Assert.Equal("1 waiting", await host.Locator(".waiting-summary").TextContentAsync());
        await Screenshots.SaveAsync(host, "waiting-list", "en", FormFactor.Desktop);
        await admit.ClickAsync();

        await guest.WaitForFunctionAsync("() => document.querySelector('[data-role=meeting]')?.dataset.state === 'joined'",
            null, new PageWaitForFunctionOptions { Timeout = 20_000 });
        await host.WaitForFunctionAsync("() => document.querySelectorAll('li[data-waiter]').length === 0");
        Assert.Equal("Nobody is waiting.", await host.Locator(".waiting-summary").TextContentAsync());
        // The room the guest reaches from the waiting room speaks their language too (its words, not their keys).
        Assert.Equal("Rời cuộc họp", (await guest.Locator("button[data-action=leave]").TextContentAsync())?.Trim());
        await Screenshots.SaveAsync(guest, "room-after-waiting", "vi", FormFactor.Desktop);
        hostRecorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
    }

    [Fact]
    public async Task A_guest_the_host_denies_is_told_so_and_is_back_at_the_form()
    {
        var (code, _, meetingId) = await ScheduledMeetings.CreateAsync(admission.Server, "Họp kín", Passcode);
        var (context, page, _) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop, admission.Server);
        await using var __ = context;
        await KnockAsync(page, code, "Vũ Văn Nam");
        var host = await HostAsync(meetingId);

        await host.DecideAsync(room => room.Deny(host.Id, Assert.Single(room.Waiting()).Id));

        await page.WaitForSelectorAsync("[data-role=join-error][data-kind=denied]");
        Assert.Equal("The host did not let you into this meeting.", await page.TextContentAsync("[data-role=join-error]"));
        Assert.True(await page.IsVisibleAsync("[data-role=prejoin]"));
    }

    [Fact]
    public async Task A_wrong_passcode_and_an_unknown_meeting_show_the_same_message()
    {
        var (code, _, _) = await ScheduledMeetings.CreateAsync(admission.Server, "Họp kín", Passcode);
        var messages = new List<string?>();
        foreach (var (meeting, passcode) in new[] { (code, "Sai-mat-ma-1"), (MeetingCode.Create(), Passcode) })
        {
            var (context, page, _) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop, admission.Server);
            await using var __ = context;
            await OpenAsync(page, meeting);
            await page.FillAsync("input[name=displayName]", "Người lạ");
            await page.FillAsync("input[name=passcode]", passcode);
            await page.ClickAsync("button[data-action=join]");
            await page.WaitForSelectorAsync("[data-role=join-error][data-kind=not-found]");
            messages.Add(await page.TextContentAsync("[data-role=join-error]"));
            Assert.Equal("prejoin", await page.GetAttributeAsync("[data-role=lobby]", "data-state"));
        }

        Assert.Equal(
            "Cannot join: the meeting code or the passcode is wrong. Check the link and the passcode the organiser sent you.",
            messages[0]);
        Assert.Equal(messages[0], messages[1]);
    }

    [Fact]
    public async Task Too_many_attempts_disable_joining_with_a_countdown_from_Retry_After()
    {
        await using var server = await AnHopServer.StartAsync("--AnHop:Meetings:AdmissionsPerIpPerMinute=1");
        var (context, page, _) = await fixture.NewPageAsync(server);
        await using var _ = context;
        await OpenAsync(page, MeetingCode.Create());
        await page.FillAsync("input[name=displayName]", "Người thử");
        await page.FillAsync("input[name=passcode]", "doan-thu-1");
        await page.ClickAsync("button[data-action=join]");
        await page.WaitForSelectorAsync("[data-role=join-error][data-kind=not-found]");

        await page.ClickAsync("button[data-action=join]");
        await page.WaitForSelectorAsync("[data-role=join-error][data-kind=throttled]");

        Assert.True(await page.IsDisabledAsync("button[data-action=join]"));
        var text = await page.TextContentAsync("[data-role=join-error]");
        Assert.Matches(@"^Bạn đã thử quá nhiều lần\. Hãy thử lại sau \d+ giây\.$", text);
        var seconds = int.Parse(System.Text.RegularExpressions.Regex.Match(text!, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, 60);
        Assert.Matches(@"^Thử lại sau \d+ giây$", await page.TextContentAsync("button[data-action=join]"));
    }

    private static async Task KnockAsync(IPage page, string code, string name)
    {
        await OpenAsync(page, code);
        await page.FillAsync("input[name=displayName]", name);
        await page.FillAsync("input[name=passcode]", Passcode);
        await page.ClickAsync("button[data-action=join]");
        await page.WaitForSelectorAsync("[data-role=waiting-room][data-state=waiting]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
    }

    /// <summary>The host, connected to the live room on the server side, decides as the host's Admit or Deny would.</summary>
    private async Task<HostSeat> HostAsync(Guid meetingId)
    {
        var services = admission.Server.Services;
        var pass = LiveAdmission.Pass(meetingId, "Chủ trì", MeetingRole.Host, MeetingPolicy.SecureDefault);
        var endpoint = "harness-host-" + Guid.NewGuid().ToString("N");
        var (room, knock) = await services.GetRequiredService<LiveRooms>().KnockAsync(pass, endpoint);
        Assert.Equal(KnockState.Admitted, knock.State);
        Assert.Null(room.Connect(knock.Participant!.Id, endpoint, out _).Problem);

        // The page shows its waiting screen as it sends Knock; the knock itself may still be on its way.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (room.Waiting().Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        return new HostSeat(room, knock.Participant.Id, services.GetRequiredService<LiveMeetingDispatcher>());
    }

    private sealed record HostSeat(MeetingRoom Room, string Id, LiveMeetingDispatcher Dispatcher)
    {
        public async Task DecideAsync(Func<MeetingRoom, RoomResult> decision)
        {
            var result = decision(Room);
            Assert.Null(result.Problem);
            await Dispatcher.DispatchAsync(Room, result.Events);
        }
    }

    private static async Task OpenAsync(IPage page, string code)
    {
        await page.GotoAsync($"/m/{code}");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=lobby]').dataset.media === 'ready'");
    }
}
