using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AnHop.Server.Accounts;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Tests.MeetingDirectory;

/// <summary>
/// Accounts for the directory tests: the first administrator through the real set-up endpoint, others through
/// UserManager. Until the sign-in endpoint exists, a session cookie is minted with the server's own cookie protector
/// (the same ticket format Identity's sign-in writes), so requests pass through the real authentication middleware.
/// </summary>
public static partial class TestAccounts
{
    public const string Password = "correct horse battery staple 42";

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

    /// <summary>A client carrying a fresh session cookie for the account (roles as they are now).</summary>
    public static async Task<HttpClient> SignInAsync(AnHopServer server, Guid accountId)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AnHopUser>>();
        var user = await users.FindByIdAsync(accountId.ToString()) ?? throw new InvalidOperationException("No such account.");
        var principal = await principals.CreateAsync(user);
        var cookie = server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var now = DateTimeOffset.UtcNow;
        var ticket = new AuthenticationTicket(principal,
            new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + AuthenticationCookies.IdleTimeout }, IdentityConstants.ApplicationScheme);
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseUrl };
        client.DefaultRequestHeaders.Add(RequestHeaderFilter.HeaderName, "1");
        client.DefaultRequestHeaders.Add("Cookie", $"{AuthenticationCookies.SessionCookieName}={cookie.TicketDataFormat.Protect(ticket)}");
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
