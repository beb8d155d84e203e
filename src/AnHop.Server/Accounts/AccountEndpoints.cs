using System.Security.Claims;
using AnHop.Server.Accounts.Passwords;
using AnHop.Server.Accounts.TwoFactor;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Accounts;

/// <summary>The signed-in account: who am I, my sessions, my password.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        var account = routes.MapGroup("/api/account");
        account.MapSignIn();
        account.MapTwoFactor();
        account.MapGet("/me", MeAsync).RequireAuthorization(AuthorizationPolicies.AccountSetup);
        account.MapGet("/sessions", SessionsAsync).RequireAuthorization(AuthorizationPolicies.SignedIn);
        account.MapDelete("/sessions/{id:guid}", RevokeSessionAsync).RequireAuthorization(AuthorizationPolicies.SignedIn).RequireAnHopRequestHeader();
        account.MapPost("/password", ChangePasswordAsync)
            .RequireAuthorization(AuthorizationPolicies.AccountSetup) // the one thing a forced change allows
            .RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        routes.MapAccountAdministration();
        return routes;
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserManager<AnHopUser> users, AccountSecurityStore security, AnHopDbContext db)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var membership = await db.Set<Membership>().AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == user.Id, http.RequestAborted);
        var factors = await SecondFactors.OfAsync(user, db, http.RequestAborted);
        return Results.Ok(new MeResponse(user.Id, user.Email ?? "", user.DisplayName, [.. await users.GetRolesAsync(user)],
            membership?.OrganisationId, membership?.UnitId, factors.Any, factors.TotpEnabled, factors.PasskeyCount,
            (await security.GetAsync(user.Id)).MustChangePassword, http.User.FindFirstValue(AccountClaims.Restriction)));
    }

    private static async Task<IResult> SessionsAsync(HttpContext http, UserSessions sessions)
    {
        var userId = UserId(http.User);
        var current = UserSessions.CurrentId(http.User);
        var list = await sessions.ListAsync(userId, http.RequestAborted);
        return Results.Ok(list.OrderByDescending(s => s.LastSeenAt)
            .Select(s => new SessionResponse(s.Id, s.CreatedAt, s.LastSeenAt, s.IpAddress, s.UserAgent, s.Id == current)));
    }

    private static async Task<IResult> RevokeSessionAsync(Guid id, HttpContext http, UserSessions sessions)
    {
        if (!await sessions.RevokeAsync(UserId(http.User), id, "revoked by the user", http.RequestAborted))
        {
            return Results.NotFound();
        }

        if (id == UserSessions.CurrentId(http.User))
        {
            await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(http, IdentityConstants.ApplicationScheme);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(ChangePasswordRequest request, HttpContext http, UserManager<AnHopUser> users,
        UserSessions sessions, PasswordHistory history, AccountSecurityStore security, IStringLocalizer<SharedResource> text,
        ILogger<UserSessions> logger)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var changed = await users.ChangePasswordAsync(user, request.CurrentPassword ?? "", request.NewPassword ?? "");
        if (!changed.Succeeded)
        {
            return PasswordProblem(changed, text);
        }

        await history.RecordAsync(user, http.RequestAborted);
        await security.SetMustChangePasswordAsync(user.Id, false);
        var current = UserSessions.CurrentId(http.User);
        var revoked = await sessions.RevokeOthersAsync(user.Id, current, http.RequestAborted);
        AccountsLog.PasswordChanged(logger, user.Id, revoked);
        await sessions.SignInAsync(http, user, current); // the same session, without the password-change restriction
        return Results.NoContent();
    }

    /// <summary>400 with each reason under the field it concerns, and the reason codes for scripts.</summary>
    public static IResult PasswordProblem(IdentityResult result, IStringLocalizer<SharedResource> text)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        var mismatch = result.Errors.Where(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)).ToList();
        var errors = new Dictionary<string, string[]>();
        if (mismatch.Count > 0)
        {
            errors["currentPassword"] = [text["Account.Password.Mismatch"]];
        }

        var other = result.Errors.Except(mismatch).ToList();
        if (other.Count > 0)
        {
            errors["newPassword"] = [.. other.Select(e => e.Description)];
        }

        return Results.ValidationProblem(errors, title: text["Account.Password.Refused"],
            extensions: new Dictionary<string, object?> { ["codes"] = result.Errors.Select(e => e.Code).ToArray() });
    }

    public static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}

/// <summary>Who is signed in; <see cref="TwoFactorEnabled"/> is true with TOTP or at least one passkey.</summary>
public sealed record MeResponse(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, Guid? OrganisationId, Guid? UnitId,
    bool TwoFactorEnabled, bool TotpEnabled, int PasskeyCount, bool MustChangePassword, string? Restriction);

public sealed record SessionResponse(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string IpAddress, string UserAgent, bool Current);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
