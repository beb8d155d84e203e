using Microsoft.Extensions.DependencyInjection;
using System.Net;
using AnHop.Server.Accounts.Data;
using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Tests.Accounts;

public sealed class SessionTests
{
    [Fact]
    public async Task Revoking_a_session_signs_that_other_browser_out()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("an@so-tttt.gov.vn");
        using var laptop = server.NewBrowser();
        using var phone = server.NewBrowser();
        await laptop.SignInStatusAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await phone.SignInStatusAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword);

        using var list = await laptop.Client.GetAsync("/api/account/sessions");
        var sessions = (await Browser.ReadAsync(list)).EnumerateArray().ToList();
        Assert.Equal(2, sessions.Count);
        Assert.Single(sessions, s => s.GetProperty("current").GetBoolean());
        Assert.All(sessions, s => Assert.Equal("127.0.0.1", s.GetProperty("ipAddress").GetString()));
        var other = sessions.Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

        using (var revoke = await laptop.Client.DeleteAsync($"/api/account/sessions/{other}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await phone.StatusOfAsync("/api/account/me"));
        Assert.Equal(HttpStatusCode.OK, await laptop.StatusOfAsync("/api/account/me"));
        using var again = await laptop.Client.DeleteAsync($"/api/account/sessions/{other}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_session_of_another_user_cannot_be_revoked()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("an@so-tttt.gov.vn");
        await server.CreateUserAsync("binh@so-tttt.gov.vn", displayName: "Lê Văn Bình");
        using var an = server.NewBrowser();
        using var binh = server.NewBrowser();
        await an.SignInStatusAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await binh.SignInStatusAsync("binh@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        using var list = await binh.Client.GetAsync("/api/account/sessions");
        var binhSession = (await Browser.ReadAsync(list)).EnumerateArray().Single().GetProperty("id").GetGuid();

        using var revoke = await an.Client.DeleteAsync($"/api/account/sessions/{binhSession}");
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await binh.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task An_administrator_idle_for_more_than_five_minutes_is_signed_out_but_a_member_is_not()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("admin@so-tttt.gov.vn", role: Roles.OrganisationAdmin);
        await server.CreateUserAsync("member@so-tttt.gov.vn", role: Roles.Member);
        using var admin = server.NewBrowser();
        using var member = server.NewBrowser();
        await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await member.SignInStatusAsync("member@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync("/api/account/me"));

        await server.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AnHopDbContext>();
            var sixMinutesAgo = DateTimeOffset.UtcNow.AddMinutes(-6);
            await db.Set<UserSession>().ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, sixMinutesAgo));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await admin.StatusOfAsync("/api/account/me"));
        Assert.Equal(HttpStatusCode.OK, await member.StatusOfAsync("/api/account/me"));
    }

    [Fact]
    public async Task Taking_a_role_away_and_renewing_the_security_stamp_ends_the_sessions_made_before()
    {
        await using var server = await AccountTestServer.StartAsync();
        var user = await server.CreateUserAsync("admin@so-tttt.gov.vn", role: Roles.OrganisationAdmin);
        using var admin = server.NewBrowser();
        await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await TwoFactorTests.EnableTotpAsync(admin);
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfAsync("/api/accounts"));

        await server.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AnHopUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            Assert.True((await users.RemoveFromRoleAsync(stored, Roles.OrganisationAdmin)).Succeeded);
            Assert.True((await users.UpdateSecurityStampAsync(stored)).Succeeded); // Identity leaves this to whoever changes roles
        });

        Assert.Equal(HttpStatusCode.Unauthorized, await admin.StatusOfAsync("/api/accounts"));
    }
}
