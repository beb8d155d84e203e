using AnHop.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Account;

/// <summary>
/// The signed-in screens at desktop and phone size, in Vietnamese and English: nothing may be wider than the
/// viewport (390 px is a common phone), axe-core finds no serious or critical violation, and each screen is kept
/// as a screenshot under screenshots/account.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountScreensTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private static readonly (string Name, int Width, int Height)[] Sizes = [("desktop", 1280, 800), ("phone", 390, 844)];

    private AnHopServer Server => accounts.Server;

    [Fact]
    public async Task Sign_in_account_and_my_meetings_fit_a_phone_and_a_desktop_in_both_languages()
    {
        var folder = Directory.CreateDirectory(Path.Combine(Screenshots.Folder, "account")).FullName;
        var email = await AccountUsers.CreateAsync(Server.Services, "Võ Thị Màn Hình");
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;

        await page.GotoAsync("/sign-in");
        foreach (var language in new[] { "vi", "en" })
        {
            await SwitchLanguageAsync(page, language);
            await CaptureAsync(page, folder, $"sign-in-{language}", "[data-step=password] input[name=email]");
        }

        await AccountUsers.SubmitPasswordStepAsync(page, email);
        await page.WaitForURLAsync(Server.BaseUrl + "meetings");
        await page.ClickAsync("[data-action=instant]");
        await page.WaitForSelectorAsync("[data-role=created]:not([hidden])");

        foreach (var language in new[] { "vi", "en" })
        {
            await page.GotoAsync("/meetings");
            await SwitchLanguageAsync(page, language);
            await CaptureAsync(page, folder, $"meetings-{language}", "[data-role=meetings] li");
            await page.GotoAsync("/account");
            await CaptureAsync(page, folder, $"account-{language}", "[data-role=sessions] li");
        }

        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    private static async Task SwitchLanguageAsync(IPage page, string language)
    {
        if (await page.GetAttributeAsync("html", "lang") != language)
        {
            await page.ClickAsync($"button[data-culture={language}]");
            await page.WaitForFunctionAsync($"() => document.documentElement.lang === '{language}'");
        }
    }

    private static async Task CaptureAsync(IPage page, string folder, string name, string readySelector)
    {
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForSelectorAsync(readySelector);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{name} at {width} px is {overflow} px wider than the viewport");
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"{name} {size}");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{size}.png"), FullPage = true });
        }
    }
}
