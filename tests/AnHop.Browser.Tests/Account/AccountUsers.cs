using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Browser.Tests.Account;

/// <summary>Accounts made through Identity's UserManager, as an administrator's tool would.</summary>
public static class AccountUsers
{
    public const string Password = "ba con mèo ngồi trên mái nhà";

    public static async Task<string> CreateAsync(IServiceProvider services, string displayName)
    {
        ArgumentNullException.ThrowIfNull(services);
        var email = $"u{Guid.NewGuid():N}"[..12] + "@anhop.test";
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        if (!await roles.RoleExistsAsync(Roles.Member))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(Roles.Member));
        }

        var user = new AnHopUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Member);
        return email;
    }

    /// <summary>Fills and submits the sign-in page's password step (the page is already on /sign-in or a page that shows it).</summary>
    public static async Task SubmitPasswordStepAsync(Microsoft.Playwright.IPage page, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.FillAsync("[data-step=password] input[name=email]", email);
        await page.FillAsync("[data-step=password] input[name=password]", password);
        await page.ClickAsync("[data-step=password] button[type=submit]");
    }
}
