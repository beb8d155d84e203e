using AnHop.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Account;

[Collection(BrowserCollection.Name)]
public sealed class MyMeetingsTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private AnHopServer Server => accounts.Server;

    [Fact]
    public async Task A_scheduled_meeting_shows_its_link_without_the_passcode_and_rotating_gives_a_new_link_and_passcode()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Phạm Thu Chủ Trì");
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;
        await page.GotoAsync("/meetings");
        await AccountUsers.SubmitPasswordStepAsync(page, email);
        await page.WaitForURLAsync(Server.BaseUrl + "meetings");

        var (link, passcode) = await MyMeetingsPage.ScheduleAsync(page, "Giao ban tuần", "09:30");

        Assert.StartsWith(Server.BaseUrl + "m/", link, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(passcode));
        Assert.DoesNotContain(passcode, link, StringComparison.Ordinal);
        Assert.Contains("Giao ban tuần", await page.TextContentAsync("[data-role=created-title]"), StringComparison.Ordinal);

        var item = page.Locator("[data-role=meetings] li", new PageLocatorOptions { HasText = "Giao ban tuần" });
        await item.WaitForAsync();
        await item.Locator("[data-action=rotate]").ClickAsync();
        await page.WaitForSelectorAsync("[data-role=rotate-dialog][open] [data-role=rotate-ask]:not([hidden])");
        await page.ClickAsync("[data-role=rotate-dialog] [data-action=rotate-confirm]");
        await page.WaitForSelectorAsync("[data-role=rotate-dialog] [data-role=rotate-done]:not([hidden])");

        var newLink = await page.InputValueAsync("[data-role=rotate-dialog] input[data-role=link]");
        var newPasscode = await page.InputValueAsync("[data-role=rotate-dialog] input[data-role=passcode]");
        Assert.StartsWith(Server.BaseUrl + "m/", newLink, StringComparison.Ordinal);
        Assert.NotEqual(link, newLink);
        Assert.NotEqual(passcode, newPasscode);
        Assert.DoesNotContain(newPasscode, newLink, StringComparison.Ordinal);

        await page.ClickAsync("[data-role=rotate-dialog] [data-role=rotate-done] [data-action=close]");
        Assert.Equal(string.Empty, await page.InputValueAsync("[data-role=rotate-dialog] input[data-role=passcode]"));

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }
}
