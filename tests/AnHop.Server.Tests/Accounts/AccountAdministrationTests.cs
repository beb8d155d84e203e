using System.Net;
using AnHop.Server.Data;

namespace AnHop.Server.Tests.Accounts;

public sealed class AccountAdministrationTests
{
    [Fact]
    public async Task A_created_account_must_change_its_temporary_password_before_anything_else()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("admin@so-tttt.gov.vn", role: Roles.OrganisationAdmin);
        using var admin = server.NewBrowser();
        await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await TwoFactorTests.EnableTotpAsync(admin);

        using var created = await admin.PostAsync("/api/accounts", new { email = "moi@so-tttt.gov.vn", displayName = "Võ Thị Mới", role = Roles.Member });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var temporary = (await Browser.ReadAsync(created)).GetProperty("temporaryPassword").GetString()!;

        using var member = server.NewBrowser();
        Assert.Equal("passwordChangeRequired", await member.SignInStatusAsync("moi@so-tttt.gov.vn", temporary));
        Assert.Equal(HttpStatusCode.Forbidden, await member.StatusOfAsync("/api/account/sessions"));
        using (var changed = await member.PostAsync("/api/account/password", new { currentPassword = temporary, newPassword = "mưa rào tháng bảy trên phố Hàng Ngang" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, await member.StatusOfAsync("/api/account/sessions"));
        using (var reuse = await member.PostAsync("/api/account/password", new { currentPassword = "mưa rào tháng bảy trên phố Hàng Ngang", newPassword = temporary }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode); // the temporary password is in the history
        }

        using var list = await admin.Client.GetAsync("/api/accounts");
        var account = (await Browser.ReadAsync(list)).EnumerateArray().Single(a => a.GetProperty("email").GetString() == "moi@so-tttt.gov.vn");
        Assert.False(account.GetProperty("mustChangePassword").GetBoolean());
        Assert.Equal([Roles.Member], account.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_administrator_forces_a_change_at_next_sign_in_and_a_password_change_revokes_other_sessions()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("admin@so-tttt.gov.vn", role: Roles.OrganisationAdmin);
        var user = await server.CreateUserAsync("an@so-tttt.gov.vn");
        using var admin = server.NewBrowser();
        await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await TwoFactorTests.EnableTotpAsync(admin);

        using var phone = server.NewBrowser();
        Assert.Equal("signedIn", await phone.SignInStatusAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword));
        using (var forced = await admin.PostAsync($"/api/accounts/{user.Id}/force-password-change"))
        {
            Assert.Equal(HttpStatusCode.NoContent, forced.StatusCode);
        }

        using var laptop = server.NewBrowser();
        Assert.Equal("passwordChangeRequired", await laptop.SignInStatusAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword));
        using (var changed = await laptop.PostAsync("/api/account/password",
            new { currentPassword = AccountTestServer.GoodPassword, newPassword = "ấm trà sen buổi sớm bên hồ Trúc Bạch" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await phone.StatusOfAsync("/api/account/me"));
        Assert.Equal(HttpStatusCode.OK, await laptop.StatusOfAsync("/api/account/sessions"));
    }

    [Fact]
    public async Task An_administrator_unlocks_a_locked_account_and_members_cannot_administer()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("admin@so-tttt.gov.vn", role: Roles.OrganisationAdmin);
        var user = await server.CreateUserAsync("an@so-tttt.gov.vn", role: Roles.Member);
        using var member = server.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await member.SignInAsync("an@so-tttt.gov.vn", $"sai {i} lần rồi");
        }

        using (var locked = await member.SignInAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword))
        {
            Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        }

        using var admin = server.NewBrowser();
        await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        await TwoFactorTests.EnableTotpAsync(admin);
        using (var unlock = await admin.PostAsync($"/api/accounts/{user.Id}/unlock"))
        {
            Assert.Equal(HttpStatusCode.NoContent, unlock.StatusCode);
        }

        Assert.Equal("signedIn", await member.SignInStatusAsync("an@so-tttt.gov.vn", AccountTestServer.GoodPassword));
        Assert.Equal(HttpStatusCode.Forbidden, await member.StatusOfAsync("/api/accounts"));
        using var create = await member.PostAsync("/api/accounts", new { email = "x@so-tttt.gov.vn", displayName = "X", role = Roles.OrganisationAdmin });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }
}
