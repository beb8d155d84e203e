using System.Security.Claims;
using AnHop.Server.Accounts.TwoFactor;
using AnHop.Server.Data;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Accounts;

/// <summary>Sign-in (password, then TOTP or a recovery code when the account has a second factor) and sign-out.</summary>
public static class SignInEndpoints
{
    public static RouteGroupBuilder MapSignIn(this RouteGroupBuilder account)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.MapPost("/sign-in", SignInAsync)
            .AllowAnonymous().RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        account.MapPost("/sign-in/totp", TotpAsync)
            .AllowAnonymous().RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader(); // the two-factor cookie is checked inside
        account.MapPost("/sign-in/recovery", RecoveryAsync)
            .AllowAnonymous().RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        account.MapPost("/sign-out", SignOutAsync)
            .RequireAuthorization(AuthorizationPolicies.AccountSetup).RequireAnHopRequestHeader();
        return account;
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, UserManager<AnHopUser> users,
        SignInManager<AnHopUser> signIn, SignInThrottle throttle, DummyPasswordHash dummy, SignInFlow flow, ILogger<SignInFlow> logger)
    {
        var email = (request.Email ?? "").Trim();
        var password = request.Password ?? "";
        if (throttle.TryAttempt(http, "email:" + users.NormalizeEmail(email)) is { } throttled)
        {
            AccountsLog.AccountThrottled(logger);
            return throttled;
        }

        var user = email.Length is > 0 and <= 254 ? await users.FindByEmailAsync(email) : null;
        if (user is null || await users.IsLockedOutAsync(user))
        {
            dummy.Verify(password); // the same Argon2id work as a wrong password
            AccountsLog.SignInFailed(logger);
            return flow.Failure();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut)
            {
                AccountsLog.LockedOut(logger, user.Id);
            }

            AccountsLog.SignInFailed(logger);
            return flow.Failure();
        }

        return await flow.AfterPasswordAsync(http, user);
    }

    private static Task<IResult> TotpAsync(CodeRequest request, HttpContext http, UserManager<AnHopUser> users, SignInThrottle throttle,
        SignInFlow flow, ILogger<SignInFlow> logger) =>
        SecondFactorAsync(http, users, throttle, flow, logger,
            user => users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.ProviderName, request.Code ?? ""));

    private static Task<IResult> RecoveryAsync(CodeRequest request, HttpContext http, UserManager<AnHopUser> users, SignInThrottle throttle,
        SignInFlow flow, RecoveryCodes codes, ILogger<SignInFlow> logger) =>
        SecondFactorAsync(http, users, throttle, flow, logger, async user =>
        {
            if (!await codes.RedeemAsync(user.Id, request.Code ?? "", http.RequestAborted))
            {
                return false;
            }

            AccountsLog.RecoveryCodeUsed(logger, user.Id, await codes.RemainingAsync(user.Id, http.RequestAborted));
            return true;
        });

    private static async Task<IResult> SecondFactorAsync(HttpContext http, UserManager<AnHopUser> users, SignInThrottle throttle,
        SignInFlow flow, ILogger logger, Func<AnHopUser, Task<bool>> verify)
    {
        var pending = await http.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        var userId = pending.Succeeded ? pending.Principal.FindFirstValue(ClaimTypes.Name) : null;
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null)
        {
            return flow.Failure();
        }

        if (throttle.TryAttempt(http, "user:" + user.Id) is { } throttled)
        {
            AccountsLog.AccountThrottled(logger);
            return throttled;
        }

        if (await users.IsLockedOutAsync(user) || !await verify(user))
        {
            if (!await users.IsLockedOutAsync(user))
            {
                await users.AccessFailedAsync(user);
            }

            AccountsLog.SignInFailed(logger);
            return flow.Failure();
        }

        await users.ResetAccessFailedCountAsync(user);
        return await flow.CompleteAsync(http, user);
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, UserSessions sessions)
    {
        var userId = Guid.Parse(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (UserSessions.CurrentId(http.User) is { } sessionId)
        {
            await sessions.RevokeAsync(userId, sessionId, "signed out", http.RequestAborted);
        }

        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.NoContent();
    }
}
