using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using AnHop.Server.Accounts.Passwords;

namespace AnHop.Server.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    private const string Email = "nguyen.van.an@so-tttt.gov.vn";
    private const string Breached = "Sông Hồng chảy về biển Đông 77";

    [Fact]
    public async Task Weak_common_Vietnamese_personal_breached_and_reused_passwords_are_refused_with_their_reasons()
    {
        await using var server = await AccountTestServer.StartAsync(extraArgs: "--AnHop:Accounts:OrganisationName=Sở Thông tin và Truyền thông");
        await server.CreateUserAsync(Email, displayName: "Đặng Quốc Khánh");
        await ImportAsync(server.Server.DataDirectory, Breached);
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);

        Assert.Equal([PasswordErrors.TooShort], await RefusalAsync(browser, AccountTestServer.GoodPassword, "ngắn quá"));
        Assert.Equal([PasswordErrors.CommonVietnamese], await RefusalAsync(browser, AccountTestServer.GoodPassword, "Anhyeuem@2024"));
        Assert.Equal([PasswordErrors.CommonVietnamese], await RefusalAsync(browser, AccountTestServer.GoodPassword, "vietnam@123456"));
        Assert.Equal([PasswordErrors.CommonVietnamese], await RefusalAsync(browser, AccountTestServer.GoodPassword, "Nguyen1990!!!"));
        Assert.Equal([PasswordErrors.PersonalInfo], await RefusalAsync(browser, AccountTestServer.GoodPassword, "ĐặngQuốcKhánh#1990"));
        Assert.Equal([PasswordErrors.PersonalInfo], await RefusalAsync(browser, AccountTestServer.GoodPassword, "SoThongTin2024!"));
        Assert.Equal([PasswordErrors.TooWeak], await RefusalAsync(browser, AccountTestServer.GoodPassword, "passwordpassword"));
        Assert.Equal([PasswordErrors.TooWeak], await RefusalAsync(browser, AccountTestServer.GoodPassword, "abcdefgh12345678"));
        Assert.Equal([PasswordErrors.Breached], await RefusalAsync(browser, AccountTestServer.GoodPassword, Breached));
        Assert.Equal([PasswordErrors.Reused], await RefusalAsync(browser, AccountTestServer.GoodPassword, AccountTestServer.GoodPassword));

        // Five changes later the first password is still refused; the sixth frees it.
        string[] next = ["mưa rào tháng bảy trên phố Hàng Ngang", "con thuyền giấy đỏ vượt thác Bản Giốc", "ấm trà sen buổi sớm bên hồ Trúc Bạch",
            "chiếc xe đạp cũ leo dốc đèo Hải Vân", "bầy cò trắng bay ngang đồng lúa Tam Cốc"];
        var current = AccountTestServer.GoodPassword;
        foreach (var password in next)
        {
            using var changed = await browser.PostAsync("/api/account/password", new { currentPassword = current, newPassword = password });
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
            current = password;
        }

        Assert.Equal([PasswordErrors.Reused], await RefusalAsync(browser, current, next[0]));
        using var back = await browser.PostAsync("/api/account/password", new { currentPassword = current, newPassword = AccountTestServer.GoodPassword });
        Assert.Equal(HttpStatusCode.NoContent, back.StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_under_its_own_field()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.CreateUserAsync(Email, displayName: "Nguyễn Văn An");
        using var browser = server.NewBrowser();
        await browser.SignInStatusAsync(Email, AccountTestServer.GoodPassword);
        using var response = await browser.PostAsync("/api/account/password",
            new { currentPassword = "không phải mật khẩu này", newPassword = "mưa rào tháng bảy trên phố Hàng Ngang" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Browser.ReadAsync(response);
        Assert.True(body.GetProperty("errors").TryGetProperty("currentPassword", out _));
    }

    [Fact]
    public async Task Sign_up_through_the_user_manager_is_checked_too()
    {
        await using var server = await AccountTestServer.StartAsync();
        await server.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AnHop.Server.Data.AnHopUser>>();
            var user = new AnHop.Server.Data.AnHopUser { UserName = "hoa@x.vn", Email = "hoa@x.vn", DisplayName = "Phạm Thị Hoa" };
            var result = await users.CreateAsync(user, "matkhau@123456");
            Assert.Contains(result.Errors, e => e.Code == PasswordErrors.CommonVietnamese);
            Assert.DoesNotContain("matkhau", string.Join(' ', result.Errors.Select(e => e.Description)), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_import_command_sorts_and_deduplicates_a_pwned_passwords_file_and_lookups_find_every_entry()
    {
        await using var server = await AccountTestServer.StartAsync();
        var source = Path.Combine(server.Server.DataDirectory, "pwned.txt");
        var hashes = Enumerable.Range(0, 1000).Select(i => SHA1.HashData(Encoding.UTF8.GetBytes($"mật khẩu số {i}"))).ToList();
        var lines = hashes.Concat(hashes.Take(50)).Select((h, i) => $"{Convert.ToHexString(h)}:{i + 1}").OrderBy(_ => Random.Shared.Next()).ToList();
        lines.Insert(3, "not a hash line");
        await File.WriteAllLinesAsync(source, lines);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await BreachedPasswordCommand.RunAsync([source, $"--AnHop:DataDirectory={server.Server.DataDirectory}"], output, error, chunkSize: 64);
        Assert.Equal(0, exit);
        Assert.Contains("Imported 1000 ", output.ToString(), StringComparison.Ordinal);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(server.Server.DataDirectory, BreachedPasswords.FileName));
        Assert.Equal(1000 * 20, bytes.Length);
        var stored = bytes.Chunk(20).ToList();
        Assert.Equal(stored.OrderBy(h => Convert.ToHexString(h), StringComparer.Ordinal).Select(Convert.ToHexString), stored.Select(Convert.ToHexString));

        var breached = server.Server.Services.GetRequiredService<BreachedPasswords>();
        Assert.All(Enumerable.Range(0, 1000), i => Assert.True(breached.Contains($"mật khẩu số {i}")));
        Assert.False(breached.Contains("mật khẩu số 1000"));
        Assert.Equal(2, await BreachedPasswordCommand.RunAsync(["/no/such/file.txt"], output, error));
    }

    internal static async Task ImportAsync(string dataDirectory, params string[] passwords)
    {
        var source = Path.Combine(dataDirectory, "pwned.txt");
        await File.WriteAllLinesAsync(source, passwords.Select(p => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(p))) + ":12"));
        using var output = new StringWriter();
        Assert.Equal(0, await BreachedPasswordCommand.RunAsync([source, $"--AnHop:DataDirectory={dataDirectory}"], output, output));
    }

    private static async Task<string[]> RefusalAsync(Browser browser, string current, string proposed)
    {
        using var response = await browser.PostAsync("/api/account/password", new { currentPassword = current, newPassword = proposed });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await Browser.ReadAsync(response);
        Assert.NotEmpty(body.GetProperty("errors").GetProperty("newPassword").EnumerateArray().Select(e => e.GetString()));
        return [.. body.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)];
    }
}
