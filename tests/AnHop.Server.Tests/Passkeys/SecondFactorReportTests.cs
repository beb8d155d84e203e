using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnHop.Server.Data;
using AnHop.Server.Tests.Accounts;

namespace AnHop.Server.Tests.Passkeys;

/// <summary>Two-step verification is on with TOTP or a passkey, alike in /me, the accounts list and the administrators' rule.</summary>
public sealed class SecondFactorReportTests
{
    private const string Email = "quang.do@so-tttt.gov.vn";

    [Fact]
    public async Task A_member_with_a_passkey_and_no_totp_is_reported_with_two_step_verification_on()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var browser = server.NewBrowser();
        Assert.Equal("signedIn", await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        Assert.Equal((false, false, 0), Factors(await browser.Client.GetFromJsonAsync<JsonElement>("/api/account/me")));

        using var authenticator = new SoftwareAuthenticator(server.Server.BaseUrl);
        await AddPasskeyAsync(browser, authenticator);

        Assert.Equal((true, false, 1), Factors(await browser.Client.GetFromJsonAsync<JsonElement>("/api/account/me")));
    }

    [Fact]
    public async Task An_administrator_may_turn_totp_off_while_a_passkey_stays_and_is_listed_with_two_step_verification_on()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email, role: Roles.OrganisationAdmin);
        using var admin = server.NewBrowser();
        Assert.Equal("twoFactorSetupRequired", await admin.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        var (totp, _, _) = await TwoFactorTests.EnableTotpAsync(admin);
        using var authenticator = new SoftwareAuthenticator(server.Server.BaseUrl);
        await AddPasskeyAsync(admin, authenticator);
        Assert.Equal((true, true, 1), Factors(await admin.Client.GetFromJsonAsync<JsonElement>("/api/account/me")));

        using (var disable = await admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/account/totp")
        {
            Content = JsonContent.Create(new { code = totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30)) }),
        }))
        {
            Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        }

        var me = await admin.Client.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Equal((true, false, 1), Factors(me));
        Assert.Equal(JsonValueKind.Null, me.GetProperty("restriction").ValueKind);
        var listed = (await admin.Client.GetFromJsonAsync<JsonElement>("/api/accounts")).EnumerateArray()
            .Single(a => a.GetProperty("email").GetString() == Email);
        Assert.True(listed.GetProperty("twoFactorEnabled").GetBoolean());

        // A new sign-in is not asked to set a second factor up: the passkey is one.
        using var later = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await later.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
    }

    private static (bool TwoFactor, bool Totp, int Passkeys) Factors(JsonElement me) =>
        (me.GetProperty("twoFactorEnabled").GetBoolean(), me.GetProperty("totpEnabled").GetBoolean(), me.GetProperty("passkeyCount").GetInt32());

    private static async Task AddPasskeyAsync(Browser browser, SoftwareAuthenticator authenticator)
    {
        using var options = await browser.PostAsync("/api/account/passkeys/options");
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        using var added = await browser.PostAsync("/api/account/passkeys", new { credential = authenticator.Create(await Browser.ReadAsync(options)) });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }
}
