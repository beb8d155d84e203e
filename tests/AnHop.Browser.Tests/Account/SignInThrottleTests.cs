using AnHop.Browser.Tests.Harness;

namespace AnHop.Browser.Tests.Account;

/// <summary>Its own server: the attempts it spends must not throttle the other sign-in tests.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInThrottleTests(BrowserFixture fixture, AccountServerFixture accounts) : IClassFixture<AccountServerFixture>
{
    private AnHopServer Server => accounts.Server;

    [Fact]
    public async Task A_throttled_sign_in_says_when_to_try_again_counts_down_and_keeps_the_button_off_meanwhile()
    {
        var email = await AccountUsers.CreateAsync(Server.Services, "Bùi Văn Vội");
        var (context, page, recorder) = await fixture.NewPageAsync(Server);
        await using var _ = context;
        await page.GotoAsync("/sign-in");

        string message;
        var attempts = 0;
        do
        {
            message = await SignInTests.SignInAsync(page, email, "sai mật khẩu lần " + attempts);
            attempts++;
        }
        while (!message.StartsWith("Quá nhiều lần thử", StringComparison.Ordinal) && attempts < 20);

        Assert.Matches(@"^Quá nhiều lần thử\. Hãy thử lại sau \d+ giây\.$", message);
        Assert.True(await page.IsDisabledAsync("[data-step=password] button[type=submit]"));
        var first = int.Parse(System.Text.RegularExpressions.Regex.Match(message, @"\d+").Value, System.Globalization.CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync(
            "first => { const m = document.querySelector('[data-step=password] [data-role=status]').textContent.match(/\\d+/); return !m || Number(m[0]) < first; }",
            first);

        recorder.AssertOnlyRequestsTo(Server.BaseUrl);
        Assert.All(recorder.Problems, p => Assert.Matches("400|429", p));
    }
}
