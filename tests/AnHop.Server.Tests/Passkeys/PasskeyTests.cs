using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnHop.Server.Data;
using AnHop.Server.Tests.Accounts;

namespace AnHop.Server.Tests.Passkeys;

public sealed class PasskeyTests
{
    private const string Email = "minh.pham@so-tttt.gov.vn";
    private const string OtherEmail = "lan.vo@so-tttt.gov.vn";

    [Fact]
    public async Task A_registered_passkey_is_the_second_factor_and_each_challenge_answers_once()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        using var authenticator = new SoftwareAuthenticator(server.Server.BaseUrl);
        using (var browser = server.NewBrowser())
        {
            Assert.Equal("signedIn", await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
            var options = await OptionsAsync(browser, "/api/account/passkeys/options");
            Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("userVerification").GetString());
            var attestation = authenticator.Create(options);
            using (var added = await browser.PostAsync("/api/account/passkeys", new { credential = attestation, name = "Máy tính cơ quan" }))
            {
                Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            }

            using (var again = await browser.PostAsync("/api/account/passkeys", new { credential = attestation, name = "lần hai" }))
            {
                Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // the challenge was used
            }

            var next = await OptionsAsync(browser, "/api/account/passkeys/options");
            Assert.Equal([Base64Id(authenticator.CredentialId)],
                next.GetProperty("excludeCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
            var list = await browser.Client.GetFromJsonAsync<JsonElement>("/api/account/passkeys");
            Assert.Equal("Máy tính cơ quan", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
        }

        using var other = server.NewBrowser();
        using (var first = await other.SignInAsync(Email, AccountTestServer.GoodPassword))
        {
            var body = await Browser.ReadAsync(first);
            Assert.Equal("twoFactorRequired", body.GetProperty("status").GetString());
            Assert.Equal(["passkey"], body.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await other.StatusOfAsync("/api/account/me"));
        var assertionOptions = await OptionsAsync(other, "/api/account/sign-in/passkey/options");
        Assert.Equal("required", assertionOptions.GetProperty("userVerification").GetString());
        var assertion = authenticator.Get(assertionOptions);
        using (var signedIn = await other.PostAsync("/api/account/sign-in/passkey", new { credential = assertion }))
        {
            Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
            Assert.Equal("signedIn", (await Browser.ReadAsync(signedIn)).GetProperty("status").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, await other.StatusOfAsync("/api/account/me"));

        // A replay of that assertion, in a new sign-in, meets no pending challenge of its own.
        using var third = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await third.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        using (var replay = await third.PostAsync("/api/account/sign-in/passkey", new { credential = assertion }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await third.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task Another_accounts_passkey_a_removed_passkey_and_a_counter_that_goes_back_are_refused()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email);
        await server.CreateUserAsync(OtherEmail);
        using var mine = new SoftwareAuthenticator(server.Server.BaseUrl);
        using var spare = new SoftwareAuthenticator(server.Server.BaseUrl);
        using var theirs = new SoftwareAuthenticator(server.Server.BaseUrl);
        var spareId = await RegisterAsync(server, Email, mine, spare);
        await RegisterAsync(server, OtherEmail, theirs);

        // Their passkey, with a valid signature over my challenge, is not a passkey of my account.
        Assert.Equal(HttpStatusCode.BadRequest, await SecondStepAsync(server, Email, theirs));
        Assert.Equal(HttpStatusCode.OK, await SecondStepAsync(server, Email, mine));

        // The counter is now 1 on the server; an answer with a counter that does not grow is refused and logged.
        mine.Counter = 0;
        Assert.Equal(HttpStatusCode.BadRequest, await SecondStepAsync(server, Email, mine));
        Assert.Contains(" 3205 ", server.Logs.Text, StringComparison.Ordinal);
        mine.Counter = 5;
        Assert.Equal(HttpStatusCode.OK, await SecondStepAsync(server, Email, mine));

        using (var browser = server.NewBrowser())
        {
            Assert.Equal("twoFactorRequired", await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
            var options = await OptionsAsync(browser, "/api/account/sign-in/passkey/options");
            using var done = await browser.PostAsync("/api/account/sign-in/passkey", new { credential = mine.Get(options) });
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            using var removed = await browser.Client.DeleteAsync($"/api/account/passkeys/{spareId}");
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
            using var again = await browser.Client.DeleteAsync($"/api/account/passkeys/{spareId}");
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, await SecondStepAsync(server, Email, spare));

        // Nobody can remove another account's passkey.
        using var intruder = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await intruder.SignInStatusAsync(OtherEmail, AccountTestServer.GoodPassword));
        var theirOptions = await OptionsAsync(intruder, "/api/account/sign-in/passkey/options");
        using (var theirSignIn = await intruder.PostAsync("/api/account/sign-in/passkey", new { credential = theirs.Get(theirOptions) }))
        {
            Assert.Equal(HttpStatusCode.OK, theirSignIn.StatusCode);
        }

        var myList = await ListIdsAsync(server, Email, mine);
        using var stolen = await intruder.Client.DeleteAsync($"/api/account/passkeys/{Assert.Single(myList)}");
        Assert.Equal(HttpStatusCode.NotFound, stolen.StatusCode);
    }

    [Fact]
    public async Task Passkey_steps_need_the_password_first_and_a_passkey_lifts_an_administrators_restriction()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email, role: Roles.OrganisationAdmin);
        using var anonymous = server.NewBrowser();
        using (var options = await anonymous.PostAsync("/api/account/sign-in/passkey/options"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, options.StatusCode);
        }

        using var admin = server.NewBrowser();
        Assert.Equal("twoFactorSetupRequired", await admin.SignInStatusAsync(Email, AccountTestServer.GoodPassword));
        using var authenticator = new SoftwareAuthenticator(server.Server.BaseUrl);
        var created = authenticator.Create(await OptionsAsync(admin, "/api/account/passkeys/options"));
        using (var added = await admin.PostAsync("/api/account/passkeys", new { credential = created }))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal("Khoá truy cập", (await Browser.ReadAsync(added)).GetProperty("name").GetString());
        }

        var me = await admin.Client.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Equal(JsonValueKind.Null, me.GetProperty("restriction").ValueKind);
        var id = Assert.Single((await admin.Client.GetFromJsonAsync<JsonElement>("/api/account/passkeys")).EnumerateArray()).GetProperty("id").GetString();
        using var removeLast = await admin.Client.DeleteAsync($"/api/account/passkeys/{id}");
        Assert.Equal(HttpStatusCode.Conflict, removeLast.StatusCode);
    }

    private static async Task<JsonElement> OptionsAsync(Browser browser, string path)
    {
        using var response = await browser.PostAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await Browser.ReadAsync(response);
    }

    /// <summary>Signs in (no second factor yet) and registers each authenticator; returns the id of the last one.</summary>
    private static async Task<string> RegisterAsync(AccountTestServer server, string email, params SoftwareAuthenticator[] authenticators)
    {
        using var browser = server.NewBrowser();
        Assert.Equal("signedIn", await browser.SignInStatusAsync(email, AccountTestServer.GoodPassword));
        var id = "";
        foreach (var authenticator in authenticators)
        {
            var created = authenticator.Create(await OptionsAsync(browser, "/api/account/passkeys/options"));
            using var added = await browser.PostAsync("/api/account/passkeys", new { credential = created, name = "khoá" });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            id = (await Browser.ReadAsync(added)).GetProperty("id").GetString()!;
        }

        return id;
    }

    /// <summary>Password, then the passkey step answered by <paramref name="authenticator"/>: the status of that step.</summary>
    private static async Task<HttpStatusCode> SecondStepAsync(AccountTestServer server, string email, SoftwareAuthenticator authenticator)
    {
        using var browser = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await browser.SignInStatusAsync(email, AccountTestServer.GoodPassword));
        var options = await OptionsAsync(browser, "/api/account/sign-in/passkey/options");
        using var response = await browser.PostAsync("/api/account/sign-in/passkey", new { credential = authenticator.Get(options) });
        if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal(HttpStatusCode.OK, await browser.StatusOfAsync("/api/account/me"));
        }
        else
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await browser.StatusOfAsync("/api/account/me"));
        }

        return response.StatusCode;
    }

    private static async Task<List<string>> ListIdsAsync(AccountTestServer server, string email, SoftwareAuthenticator authenticator)
    {
        using var browser = server.NewBrowser();
        Assert.Equal("twoFactorRequired", await browser.SignInStatusAsync(email, AccountTestServer.GoodPassword));
        var options = await OptionsAsync(browser, "/api/account/sign-in/passkey/options");
        using (var done = await browser.PostAsync("/api/account/sign-in/passkey", new { credential = authenticator.Get(options) }))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        var list = await browser.Client.GetFromJsonAsync<JsonElement>("/api/account/passkeys");
        return [.. list.EnumerateArray().Select(p => p.GetProperty("id").GetString()!)];
    }

    private static string Base64Id(byte[] id) => System.Buffers.Text.Base64Url.EncodeToString(id);
}
