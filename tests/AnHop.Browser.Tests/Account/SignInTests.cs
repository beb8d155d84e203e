using AnHop.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Account;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private AnHopServer Server => accounts.Server;

    [Fact]
    public async Task A_signed_in_page_sends_a_visitor_to_the_sign_in_page_which_loads_only_from_AnHop()
    {
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;

        await page.GotoAsync("/meetings");
        await page.WaitForSelectorAsync("[data-role=sign-in] input[name=email]");
        Assert.StartsWith(Server.BaseUrl + "sign-in", page.Url, StringComparison.Ordinal);
        Assert.Equal("/meetings", await page.GetAttributeAsync("[data-role=sign-in]", "data-return"));

        // The shell: a skip link to the main landmark, a sign-in state in the header, the language switch.
        Assert.Equal(1, await page.Locator("a.skip-link[href='#main']").CountAsync());
        Assert.Equal(1, await page.Locator("main#main").CountAsync());
        Assert.Equal(0, await page.Locator("nav.primary").CountAsync()); // no signed-in links for a visitor
        Assert.Equal(2, await page.Locator("nav.languages button").CountAsync());

        // A return address that would leave the site is not kept.
        await page.GotoAsync("/sign-in?returnUrl=%2F%2Fevil.example%2F");
        Assert.Equal("/meetings", await page.GetAttributeAsync("[data-role=sign-in]", "data-return"));

        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_e_mail_show_the_same_single_message()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Trần Thị Sai");
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;
        await page.GotoAsync("/sign-in");

        var wrongPassword = await SignInAsync(page, email, "không phải mật khẩu này");
        var unknownEmail = await SignInAsync(page, "khong.co.ai@anhop.test", AccountUsers.Password);

        Assert.Equal("Thư điện tử hoặc mật khẩu không đúng, hoặc tài khoản đang tạm khóa.", wrongPassword);
        Assert.Equal(wrongPassword, unknownEmail);
        Assert.StartsWith(Server.BaseUrl + "sign-in", page.Url, StringComparison.Ordinal);
        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        Assert.All(recorder.Problems, p => Assert.Contains("400", p, StringComparison.Ordinal)); // the refused calls, nothing else
    }

    [Fact]
    public async Task Signing_in_opens_my_meetings_with_the_signed_in_header_and_the_account_page_loads_only_from_AnHop()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Lê Văn Đúng");
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;

        await page.GotoAsync("/account");
        await AccountUsers.SubmitPasswordStepAsync(page, email);
        await page.WaitForURLAsync(Server.BaseUrl + "account");

        await page.WaitForSelectorAsync("[data-role=sessions] li");
        Assert.Equal(email, await page.TextContentAsync("header .session .who"));
        Assert.Equal("/account", await page.GetAttributeAsync("nav.primary a[aria-current=page]", "href"));
        Assert.Equal("Tài khoản", await page.TextContentAsync("nav.primary a[aria-current=page]"));
        Assert.Contains(email, await page.TextContentAsync("[data-role=identity]"), StringComparison.Ordinal);

        await page.ClickAsync("nav.primary a[href='/meetings']");
        await page.WaitForSelectorAsync("[data-role=my-meetings] [data-action=instant]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    /// <summary>Submits the password step and answers the message it shows.</summary>
    internal static async Task<string> SignInAsync(IPage page, string email, string password)
    {
        var status = page.Locator("[data-step=password] [data-role=status]");
        await page.EvaluateAsync("() => { const s = document.querySelector('[data-step=password] [data-role=status]'); s.textContent = ''; delete s.dataset.kind; }");
        await AccountUsers.SubmitPasswordStepAsync(page, email, password);
        await page.WaitForSelectorAsync("[data-step=password] [data-role=status][data-kind=error]");
        return (await status.TextContentAsync())!;
    }
}
