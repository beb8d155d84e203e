using System.Net;

namespace AnHop.Server.Tests.Accounts;

public sealed class SecretsInLogsTests
{
    [Fact]
    public async Task No_password_code_or_temporary_password_appears_in_the_log()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync("admin@so-tttt.gov.vn", role: AnHop.Server.Data.Roles.OrganisationAdmin);
        using var admin = server.NewBrowser();
        const string wrong = "mật khẩu sai be bét 4242";
        using (var failed = await admin.SignInAsync("admin@so-tttt.gov.vn", wrong))
        {
            Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        }

        await admin.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        var (totp, code, recovery) = await TwoFactorTests.EnableTotpAsync(admin);
        using var created = await admin.PostAsync("/api/accounts", new { email = "moi@so-tttt.gov.vn", displayName = "Võ Thị Mới" });
        var temporary = (await Browser.ReadAsync(created)).GetProperty("temporaryPassword").GetString()!;
        const string changed = "bầy cò trắng bay ngang đồng lúa Tam Cốc";
        using var member = server.NewBrowser();
        await member.SignInStatusAsync("moi@so-tttt.gov.vn", temporary);
        using (var change = await member.PostAsync("/api/account/password", new { currentPassword = temporary, newPassword = changed }))
        {
            Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        }

        using var again = server.NewBrowser();
        await again.SignInStatusAsync("admin@so-tttt.gov.vn", AccountTestServer.GoodPassword);
        using (var second = await again.PostAsync("/api/account/sign-in/recovery", new { code = recovery[0] }))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        }

        var log = server.Logs.Text;
        Assert.Contains("signed in", log, StringComparison.Ordinal); // the capture works
        string[] secrets = [AccountTestServer.GoodPassword, wrong, temporary, changed, code, recovery[0], recovery[0].Replace("-", "", StringComparison.Ordinal), totp.ComputeTotp()];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
