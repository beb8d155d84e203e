using System.Net;
using System.Text.Json;

namespace AnHop.Server.Tests.Accounts;

public sealed class RecoveryCodeRenewalTests
{
    private const string Email = "hoa.dang@so-tttt.gov.vn";

    [Fact]
    public async Task New_codes_confirmed_with_a_current_totp_code_replace_the_old_ones_at_once()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        var (totp, _, old) = await TwoFactorTests.EnableTotpAsync(browser);

        using var renewed = await browser.PostAsync("/api/account/recovery-codes", new { code = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        var fresh = Codes(await Browser.ReadAsync(renewed));
        Assert.Equal(10, fresh.Distinct().Count());
        Assert.Empty(fresh.Intersect(old));

        Assert.Equal(HttpStatusCode.BadRequest, await RecoverAsync(server, old[0]));
        Assert.Equal(HttpStatusCode.OK, await RecoverAsync(server, fresh[0]));

        // Logged with its own event, by account id only: no code.
        Assert.Contains(server.Server.LogLines, line => line.Contains("[3013]", StringComparison.Ordinal));
        foreach (var code in fresh.Concat(old))
        {
            Assert.DoesNotContain(server.Server.LogLines, line => line.Contains(code, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(code, server.Logs.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_password_confirms_too_and_a_wrong_confirmation_changes_nothing()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        var (_, usedCode, old) = await TwoFactorTests.EnableTotpAsync(browser);

        await AssertRefusedAsync(browser, new { password = "không phải mật khẩu này" }, "password");
        await AssertRefusedAsync(browser, new { code = usedCode }, "code"); // a step already used does not confirm again
        await AssertRefusedAsync(browser, new { }, "code");
        Assert.Equal(HttpStatusCode.OK, await RecoverAsync(server, old[0])); // the old codes still stand

        using var renewed = await browser.PostAsync("/api/account/recovery-codes", new { password = AccountTestServer.GoodPassword });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(10, Codes(await Browser.ReadAsync(renewed)).Count);
        Assert.Equal(HttpStatusCode.BadRequest, await RecoverAsync(server, old[1]));
    }

    [Fact]
    public async Task Wrong_passwords_here_count_towards_the_lockout_as_at_sign_in()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        await TwoFactorTests.EnableTotpAsync(browser);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await AssertRefusedAsync(browser, new { password = $"sai mật khẩu lần {attempt}" }, "password");
        }

        await AssertRefusedAsync(browser, new { password = AccountTestServer.GoodPassword }, "password"); // locked: even the right one
        using var later = server.NewBrowser();
        using var signIn = await later.SignInAsync(Email, AccountTestServer.GoodPassword);
        Assert.Equal(HttpStatusCode.BadRequest, signIn.StatusCode);
    }

    [Fact]
    public async Task Without_totp_there_are_no_codes_to_renew_and_signed_out_callers_are_refused()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var anonymous = server.NewBrowser();
        using (var refused = await anonymous.PostAsync("/api/account/recovery-codes", new { password = AccountTestServer.GoodPassword }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        using var conflict = await browser.PostAsync("/api/account/recovery-codes", new { password = AccountTestServer.GoodPassword });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    private static List<string> Codes(JsonElement body) =>
        [.. body.GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!)];

    private static async Task AssertRefusedAsync(Browser browser, object body, string field)
    {
        using var response = await browser.PostAsync("/api/account/recovery-codes", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Browser.ReadAsync(response)).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
    }

    /// <summary>A fresh browser signs in with the password and then <paramref name="code"/>: the status of that step.</summary>
    private static async Task<HttpStatusCode> RecoverAsync(AccountTestServer server, string code)
    {
        using var browser = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        using var response = await browser.PostAsync("/api/account/sign-in/recovery", new { code });
        return response.StatusCode;
    }
}
