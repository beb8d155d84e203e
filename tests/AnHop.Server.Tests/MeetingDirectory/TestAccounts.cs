using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Net;
using System.Text.Json;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace AnHop.Server.Tests.MeetingDirectory;

/// <summary>
/// Accounts for the directory tests: the first administrator through the real set-up endpoint, others through
/// UserManager; every client signs in through the accounts API like a browser. Servers for these tests raise the sign-in
/// throttles (<see cref="ServerArguments"/>), since one address signs in many accounts.
/// </summary>
public static partial class TestAccounts
{
    public static readonly string[] ServerArguments =
        ["--AnHop:Accounts:SignInPermitsPerIpPerMinute=1000", "--AnHop:Accounts:SignInPermitsPerAccountPerMinute=1000"];

    public const string Password = "lục bình trôi qua cầu Long Biên";

    public static async Task<(Guid Id, HttpClient Client)> SetUpAdministratorAsync(AnHopServer server, string? organisationName = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var token = SetupToken().Match(server.Console).Groups[1].Value;
        using var anonymous = Anonymous(server);
        var answer = await anonymous.PostAsJsonAsync("/api/setup", new
        {
            token, email = "admin@example.gov.vn", displayName = "Quản trị", password = Password, confirmPassword = Password, organisationName,
        });
        answer.EnsureSuccessStatusCode();
        var id = await IdOfAsync(server, "admin@example.gov.vn");
        return (id, await SignInAsync(server, id));
    }

    /// <summary>A new account placed in <paramref name="unitId"/> (organisation level when null) with one account role.</summary>
    public static async Task<(Guid Id, HttpClient Client)> CreateAsync(AnHopServer server, string email, string role = Roles.Member, Guid? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
            var db = scope.ServiceProvider.GetRequiredService<AnHopDbContext>();
            var user = new AnHopUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            var organisation = await db.Set<Organisation>().SingleAsync();
            db.Add(new Membership(user.Id, organisation.Id, unitId));
            await db.SaveChangesAsync();
        }

        var id = await IdOfAsync(server, email);
        return (id, await SignInAsync(server, id));
    }

    /// <summary>
    /// A browser signed in through the real sign-in endpoint. Administrators must set up a second factor first
    /// (twoFactorSetupRequired): the helper sets up TOTP and confirms it with a computed code, as an authenticator app would.
    /// </summary>
    public static async Task<HttpClient> SignInAsync(AnHopServer server, Guid accountId)
    {
        ArgumentNullException.ThrowIfNull(server);
        string email;
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
            email = (await users.FindByIdAsync(accountId.ToString()))!.Email!;
        }

        var client = Anonymous(server);
        var signIn = await client.PostAsJsonAsync("/api/account/sign-in", new { email, password = Password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var status = (await signIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
        if (status == "twoFactorSetupRequired")
        {
            var setup = await client.PostAsJsonAsync("/api/account/totp/setup", new { });
            var secret = (await setup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
            var code = new Totp(Base32Encoding.ToBytes(secret.Replace(" ", "", StringComparison.Ordinal))).ComputeTotp();
            Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/account/totp/confirm", new { code })).StatusCode);
        }
        else
        {
            Assert.Equal("signedIn", status);
        }

        return client;
    }

    /// <summary>A browser without an account: keeps cookies (the device cookie), sends the request header.</summary>
    public static HttpClient Anonymous(AnHopServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var client = new HttpClient { BaseAddress = server.BaseUrl };
        client.DefaultRequestHeaders.Add(RequestHeaderFilter.HeaderName, "1");
        return client;
    }

    public static async Task<Guid> IdOfAsync(AnHopServer server, string email)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    [GeneratedRegex(@"/setup#token=(\S+)")]
    private static partial Regex SetupToken();
}
