using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using AnHop.Server.Accounts.Passwords;
using AnHop.Server.Data;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Accounts;

/// <summary>Organisation administrators: list accounts, create one with a temporary password, force a password change, unlock.</summary>
public static class AccountAdministrationEndpoints
{
    public static IEndpointRouteBuilder MapAccountAdministration(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var accounts = routes.MapGroup("/api/accounts").RequireAuthorization(AuthorizationPolicies.OrganisationAdmin);
        accounts.MapGet("/", ListAsync);
        accounts.MapPost("/", CreateAsync).RequireAnHopRequestHeader();
        accounts.MapPost("/{id:guid}/force-password-change", ForcePasswordChangeAsync).RequireAnHopRequestHeader();
        accounts.MapPost("/{id:guid}/unlock", UnlockAsync).RequireAnHopRequestHeader();
        return routes;
    }

    private static async Task<IResult> ListAsync(UserManager<AnHopUser> users, AnHopDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var accounts = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(ct);
        var mustChange = await db.Set<Data.AccountSecurity>().Where(s => s.MustChangePassword).Select(s => s.UserId).ToListAsync(ct);
        var passkeys = await db.Set<Passkeys.PasskeyCredential>().GroupBy(p => p.UserId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return Results.Ok(accounts.Select(u => new AccountSummary(u.Id, u.Email ?? "", u.DisplayName,
            [.. roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "")], u.LockoutEnd > now,
            new TwoFactor.SecondFactors(u.TwoFactorEnabled, passkeys.GetValueOrDefault(u.Id)).Any,
            mustChange.Contains(u.Id))));
    }

    private static async Task<IResult> CreateAsync(CreateAccountRequest request, HttpContext http, UserManager<AnHopUser> users,
        RoleManager<IdentityRole<Guid>> roles, AccountSecurityStore security, PasswordHistory history, TimeProvider clock,
        IStringLocalizer<SharedResource> text, ILogger<UserSessions> logger)
    {
        var email = (request.Email ?? "").Trim();
        var name = (request.DisplayName ?? "").Trim();
        var role = request.Role ?? Roles.Member;
        var errors = new Dictionary<string, string[]>();
        if (email.Length is 0 or > 254 || !new EmailAddressAttribute().IsValid(email))
        {
            errors["email"] = [text["Account.Admin.EmailInvalid"]];
        }

        if (name.Length is 0 or > 100)
        {
            errors["displayName"] = [text["Account.Admin.NameRequired"]];
        }

        if (!Roles.All.Contains(role, StringComparer.Ordinal))
        {
            errors["role"] = [text["Account.Admin.RoleUnknown"]];
        }

        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }

        var temporary = TemporaryPassword();
        var user = new AnHopUser { UserName = email, Email = email, DisplayName = name, CreatedAt = clock.GetUtcNow(), EmailConfirmed = true };
        var created = await users.CreateAsync(user, temporary);
        if (!created.Succeeded)
        {
            var duplicate = created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["email"] = [duplicate ? text["Account.Admin.EmailTaken"] : text["Account.Admin.EmailInvalid"]],
            });
        }

        if (!await roles.RoleExistsAsync(role))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(role));
        }

        await users.AddToRoleAsync(user, role);
        await history.RecordAsync(user, http.RequestAborted);
        await security.SetMustChangePasswordAsync(user.Id, true);
        AccountsLog.AccountCreated(logger, AccountEndpoints.UserId(http.User), user.Id);
        return Results.Created($"/api/accounts/{user.Id}", new CreatedAccount(user.Id, temporary));
    }

    private static async Task<IResult> ForcePasswordChangeAsync(Guid id, HttpContext http, UserManager<AnHopUser> users,
        AccountSecurityStore security, ILogger<UserSessions> logger)
    {
        if (await users.FindByIdAsync(id.ToString()) is null)
        {
            return Results.NotFound();
        }

        await security.SetMustChangePasswordAsync(id, true);
        AccountsLog.PasswordChangeForced(logger, AccountEndpoints.UserId(http.User), id);
        return Results.NoContent();
    }

    private static async Task<IResult> UnlockAsync(Guid id, HttpContext http, UserManager<AnHopUser> users, ILogger<UserSessions> logger)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return Results.NotFound();
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        AccountsLog.AccountUnlocked(logger, AccountEndpoints.UserId(http.User), id);
        return Results.NoContent();
    }

    // Four groups of five characters from a look-alike-free alphabet: about 98 random bits, read out or typed once.
    private static string TemporaryPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = new char[23];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 6 == 5 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return new string(chars);
    }
}

public sealed record CreateAccountRequest(string? Email, string? DisplayName, string? Role);

public sealed record CreatedAccount(Guid Id, string TemporaryPassword);

public sealed record AccountSummary(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool LockedOut,
    bool TwoFactorEnabled, bool MustChangePassword);
