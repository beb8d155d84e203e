using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AnHop.Server.Data;

namespace AnHop.Server.Tests.Accounts;

public sealed class SignInTests
{
    private const string Email = "bich.tran@so-tttt.gov.vn";

    [Fact]
    public async Task Unknown_email_wrong_password_and_locked_out_get_byte_identical_answers()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();

        var answers = new List<(HttpStatusCode Status, string Body)>();
        async Task AttemptAsync(string email, string password)
        {
            using var response = await browser.SignInAsync(email, password);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
            Assert.False(response.Headers.Contains("Set-Cookie"));
        }

        await AttemptAsync("nobody@so-tttt.gov.vn", "một mật khẩu bất kỳ");
        for (var i = 0; i < 5; i++)
        {
            await AttemptAsync(Email, $"sai mật khẩu {i}");
        }

        await AttemptAsync(Email, AccountTestServer.GoodPassword); // locked out now: the right password fails the same way
        await AttemptAsync("nobody@so-tttt.gov.vn", "một mật khẩu bất kỳ");

        Assert.Equal(8, answers.Count);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.BadRequest, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Contains("\"status\":400", answers[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sixth_attempt_fails_even_with_the_right_password_until_an_administrator_unlocks()
    {
        await using var server = await AccountTestServer.StartAsync();
        var user = await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await browser.SignInAsync(Email, $"sai mật khẩu {i}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using (var right = await browser.SignInAsync(Email, AccountTestServer.GoodPassword))
        {
            Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        }

        await server.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AnHopUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id.ToString()))!));
        });
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task Guessing_is_throttled_per_account_and_per_address_with_Retry_After_and_never_succeeds()
    {
        await using var server = await AccountTestServer.StartAsync(defaultThrottles: true);
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await browser.SignInAsync(Email, $"đoán {i} lần nữa");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            }
        }

        // Per account: 5 a minute. The right password now is throttled too (and the account is locked).
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.BadRequest, 5).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 3)), statuses);

        // Per address: 10 a minute whatever the account; 8 are spent, so 2 more then 429.
        for (var i = 0; i < 40; i++)
        {
            using var response = await browser.SignInAsync($"user{i}@so-tttt.gov.vn", AccountTestServer.GoodPassword);
            statuses.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.OK, statuses);
        Assert.Equal(40 - 2, statuses.Skip(8).Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task Sign_in_answers_me_and_sign_out_ends_the_session()
    {
        await using var server = await AccountTestServer.StartAsync();
        var user = await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();

        Assert.Equal("signedIn", await browser.SignInStatusAsync(" BICH.TRAN@so-tttt.gov.vn ", AccountTestServer.GoodPassword));
        using (var me = await browser.Client.GetAsync("/api/account/me"))
        {
            var body = await Browser.ReadAsync(me);
            Assert.Equal(user.Id, body.GetProperty("id").GetGuid());
            Assert.Equal(Email, body.GetProperty("email").GetString());
            Assert.False(body.GetProperty("twoFactorEnabled").GetBoolean());
            Assert.False(body.GetProperty("mustChangePassword").GetBoolean());
        }

        using (var signOut = await browser.PostAsync("/api/account/sign-out"))
        {
            Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task Sign_in_without_the_request_header_is_refused()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        browser.Client.DefaultRequestHeaders.Remove("X-AnHop-Request");
        using var response = await browser.SignInAsync(Email, AccountTestServer.GoodPassword);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusOfAsync("/api/account/me"));
    }
}
