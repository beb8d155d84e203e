using AnHop.Browser.Tests.Account;
using AnHop.Browser.Tests.Harness;
using AnHop.Server.Accounts.Passkeys;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Passkeys;

/// <summary>
/// Passkeys in Chromium with a CDP virtual authenticator (CTAP2, internal, resident keys, user verified).
/// WebAuthn refuses an IP address as the relying-party id, so these pages are opened at http://localhost:port
/// (Chromium resolves it to the server's 127.0.0.1, and treats it as a secure context).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PasskeySignInTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private AnHopServer Server => accounts.Server;

    private Uri LocalhostUrl => new($"http://localhost:{Server.BaseUrl.Port}/");

    [Fact]
    public async Task A_passkey_added_on_the_account_page_completes_the_next_sign_in_and_a_removed_one_no_longer_works()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Phạm Văn Khoá");
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = LocalhostUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 800, Height = 600 },
        });
        var recorder = new PageRecorder(context);
        var page = await context.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/sign-in?returnUrl=%2Faccount");
        await PasswordAsync(page, email);
        await page.WaitForURLAsync(LocalhostUrl + "account");
        await AddPasskeyAsync(page, "Máy tính cơ quan");

        await SignOutAsync(page);
        await page.GotoAsync("/sign-in?returnUrl=%2Faccount");
        await PasswordAsync(page, email);
        await page.Locator("[data-step=passkey]").WaitForAsync(); // the step the server listed first
        Assert.True(await page.Locator("[data-step=totp]").IsHiddenAsync());
        await page.ClickAsync("[data-step=passkey] button[type=submit]");
        await page.WaitForURLAsync(LocalhostUrl + "account");
        Assert.Equal(email, await page.TextContentAsync("header .session .who"));
        await page.Locator("[data-role=passkey-list] li", new() { HasText = "Máy tính cơ quan" }).WaitForAsync();

        // Removed on the account page: the list empties and the next sign-in asks for no passkey.
        await page.ClickAsync("[data-role=passkey-list] [data-action=passkey-remove]");
        await page.Locator("[data-role=passkey-list] li.hint").WaitForAsync();
        await AddPasskeyAsync(page, "Điện thoại");

        // Removed while a sign-in waits at the passkey step (as from another session): the authenticator still
        // signs, and the server refuses it.
        await SignOutAsync(page);
        await page.GotoAsync("/sign-in?returnUrl=%2Faccount");
        await PasswordAsync(page, email);
        await page.Locator("[data-step=passkey]").WaitForAsync();
        await RemoveAllPasskeysAsync(email);
        await page.ClickAsync("[data-step=passkey] button[type=submit]");
        await page.WaitForSelectorAsync("[data-step=passkey] [data-role=status][data-kind=error]");
        Assert.StartsWith(LocalhostUrl + "sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("header .session .who").CountAsync());

        recorder.AssertOnlyRequestsTo(LocalhostUrl);
        Assert.All(recorder.Problems, p => Assert.Contains("400", p, StringComparison.Ordinal)); // the refused step, nothing else
    }

    private static async Task PasswordAsync(IPage page, string email)
    {
        await AccountUsers.SubmitPasswordStepAsync(page, email);
    }

    private static async Task AddPasskeyAsync(IPage page, string name)
    {
        await page.FillAsync("[data-role=passkey-add] input[name=name]", name);
        await page.ClickAsync("[data-role=passkey-add] button[type=submit]");
        await page.Locator("[data-role=passkey-list] li", new() { HasText = name }).WaitForAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.ClickAsync("button[data-action=sign-out]");
        await page.WaitForURLAsync(url => !url.EndsWith("/account", StringComparison.Ordinal));
    }

    private async Task RemoveAllPasskeysAsync(string email)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>().FindByEmailAsync(email);
        var store = scope.ServiceProvider.GetRequiredService<PasskeyStore>();
        foreach (var passkey in await store.ListAsync(user!.Id, CancellationToken.None))
        {
            Assert.True(await store.RemoveAsync(user.Id, passkey.Id, CancellationToken.None));
        }
    }
}
