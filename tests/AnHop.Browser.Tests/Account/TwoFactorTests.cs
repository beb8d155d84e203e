using AnHop.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Account;

[Collection(BrowserCollection.Name)]
public sealed class TwoFactorTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private AnHopServer Server => accounts.Server;

    [Fact]
    public async Task Turning_on_two_step_verification_shows_the_QR_code_and_recovery_codes_once_renewing_replaces_them_and_a_new_code_signs_in()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Đỗ Hai Bước");
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;
        await page.GotoAsync("/account");
        await AccountUsers.SubmitPasswordStepAsync(page, email);
        await page.WaitForURLAsync(Server.BaseUrl + "account");

        await page.ClickAsync("[data-action=totp-setup]");
        await page.WaitForSelectorAsync("[data-role=totp-enroll]:not([hidden])");
        // The server's QR SVG is shown as an image (the CSP allows data: images) and was decoded.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=totp-qr]').complete && document.querySelector('[data-role=totp-qr]').naturalWidth > 0");
        Assert.StartsWith("data:image/svg+xml", await page.GetAttributeAsync("[data-role=totp-qr]", "src"), StringComparison.Ordinal);
        var secret = (await page.TextContentAsync("[data-role=totp-secret]"))!;

        await page.FillAsync("[data-role=totp-confirm] input[name=code]", Totp.Code(secret, DateTimeOffset.UtcNow));
        await page.ClickAsync("[data-role=totp-confirm] button[type=submit]");
        await page.WaitForSelectorAsync("[data-role=recovery-codes]:not([hidden])");
        var codes = await page.Locator("[data-role=recovery-list] li").AllTextContentsAsync();
        Assert.NotEmpty(codes);
        Assert.False(await page.IsVisibleAsync("[data-action=totp-setup]"));
        Assert.True(await page.IsVisibleAsync("[data-role=totp-disable]"));

        await page.ClickAsync("[data-action=recovery-done]");
        Assert.Equal(0, await page.Locator("[data-role=recovery-list] li").CountAsync()); // shown once: gone from the page

        // New codes, confirmed with the password: shown once again, and the old ones are gone.
        await Accessibility.AssertNoSeriousViolationsAsync(page, "account with two-step verification on");
        await Screenshots.SaveAsync(page, "account-two-step-on", "vi", FormFactor.Desktop);
        await page.FillAsync("[data-role=recovery-regenerate] input[name=confirmation]", AccountUsers.Password);
        await page.ClickAsync("[data-role=recovery-regenerate] button[type=submit]");
        await page.WaitForSelectorAsync("[data-role=recovery-codes]:not([hidden])");
        var renewed = await page.Locator("[data-role=recovery-list] li").AllTextContentsAsync();
        Assert.Equal(codes.Count, renewed.Count);
        Assert.Empty(renewed.Intersect(codes));
        await page.ClickAsync("[data-action=recovery-done]");
        codes = renewed;

        await page.ClickAsync("header [data-action=sign-out]");
        await page.WaitForURLAsync(Server.BaseUrl + "sign-in");
        await AccountUsers.SubmitPasswordStepAsync(page, email);
        await page.WaitForSelectorAsync("[data-step=totp]:not([hidden])");
        Assert.False(await page.IsVisibleAsync("[data-step=password]"));

        await page.ClickAsync("[data-step=totp] [data-goto=recovery]");
        await page.FillAsync("[data-step=recovery] input[name=code]", codes[0]);
        await page.ClickAsync("[data-step=recovery] button[type=submit]");
        await page.WaitForURLAsync(Server.BaseUrl + "meetings");

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }
}
