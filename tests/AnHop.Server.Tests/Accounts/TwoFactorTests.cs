using System.Net;
using AnHop.Server.Data;
using OtpNet;

namespace AnHop.Server.Tests.Accounts;

public sealed class TwoFactorTests
{
    private const string Email = "thu.le@so-tttt.gov.vn";

    [Fact]
    public async Task Totp_set_up_with_a_real_code_then_sign_in_needs_a_fresh_code_and_a_used_one_is_refused()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        var (totp, firstCode, _) = await EnableTotpAsync(browser);

        using var other = server.NewBrowser();
        using (var first = await other.SignInAsync(Email, AccountTestServer.GoodPassword))
        {
            var body = await Browser.ReadAsync(first);
            Assert.Equal("twoFactorRequired", body.GetProperty("status").GetString());
            Assert.Equal(["totp", "recovery"], body.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await other.StatusOfAsync("/api/account/me")); // the password alone is not a session
        using (var reused = await other.PostAsync("/api/account/sign-in/totp", new { code = firstCode }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        }

        var nextCode = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)); // the next step, inside the ±1 step window
        using (var fresh = await other.PostAsync("/api/account/sign-in/totp", new { code = nextCode }))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Equal("signedIn", (await Browser.ReadAsync(fresh)).GetProperty("status").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, await other.StatusOfAsync("/api/account/me"));

        using var third = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await third.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        using var replay = await third.PostAsync("/api/account/sign-in/totp", new { code = nextCode });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await third.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task A_recovery_code_works_once()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        var (_, _, codes) = await EnableTotpAsync(browser);
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());

        using var first = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await first.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        using (var used = await first.PostAsync("/api/account/sign-in/recovery", new { code = codes[0].ToLowerInvariant() }))
        {
            Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        }

        using var second = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await second.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        using (var again = await second.PostAsync("/api/account/sign-in/recovery", new { code = codes[0] }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        }

        using (var another = await second.PostAsync("/api/account/sign-in/recovery", new { code = codes[1] }))
        {
            Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        }
    }

    [Fact]
    public async Task A_second_step_without_the_password_step_is_refused()
    {
        await using var server = await AccountTestServer.StartAsync();
        using var browser = server.NewBrowser();
        using var response = await browser.PostAsync("/api/account/sign-in/totp", new { code = "123456" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_administrator_without_a_second_factor_can_only_set_one_up()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("admin@so-tttt.gov.vn", role: Roles.OrganisationAdmin);
        using var admin = server.NewBrowser();

        Assert.Equal("twoFactorSetupRequired", await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword));
        Assert.Equal(HttpStatusCode.Forbidden, await admin.StatusOfAsync("/api/accounts"));
        Assert.Equal(HttpStatusCode.Forbidden, await admin.StatusOfAsync("/api/account/sessions"));
        using (var me = await admin.Client.GetAsync("/api/account/me"))
        {
            Assert.Equal("twoFactorSetup", (await Browser.ReadAsync(me)).GetProperty("restriction").GetString());
        }

        var (totp, _, _) = await EnableTotpAsync(admin);
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync("/api/accounts"));
        using (var disable = await admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/account/totp")
        {
            Content = JsonContent(new { code = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) }),
        }))
        {
            Assert.Equal(HttpStatusCode.Conflict, disable.StatusCode);
        }

        using var later = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await later.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword));
    }

    [Fact]
    public async Task A_member_can_turn_two_factor_off_with_a_code()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        var (totp, _, _) = await EnableTotpAsync(browser);
        using (var disable = await browser.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/account/totp")
        {
            Content = JsonContent(new { code = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) }),
        }))
        {
            Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        }

        using var later = server.NewBrowser();
        Assert.Equal("signedIn", await later.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
    }

    internal static async Task<(Totp Totp, string Code, List<string> RecoveryCodes)> EnableTotpAsync(Browser browser)
    {
        using var setup = await browser.PostAsync("/api/account/totp/setup");
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var body = await Browser.ReadAsync(setup);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("otpauth://totp/AnHop%3A", body.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        Assert.Contains($"secret={secret}", body.GetProperty("otpauthUri").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<svg", body.GetProperty("qrSvg").GetString()!.TrimStart(), StringComparison.Ordinal);

        var totp = new Totp(Base32Encoding.ToBytes(secret));
        using (var wrong = await browser.PostAsync("/api/account/totp/confirm", new { code = "000000" == totp.ComputeTotp() ? "111111" : "000000" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var code = totp.ComputeTotp();
        using var confirm = await browser.PostAsync("/api/account/totp/confirm", new { code });
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var codes = (await Browser.ReadAsync(confirm)).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        return (totp, code, codes);
    }

    private static System.Net.Http.Json.JsonContent JsonContent(object value) => System.Net.Http.Json.JsonContent.Create(value);
}
