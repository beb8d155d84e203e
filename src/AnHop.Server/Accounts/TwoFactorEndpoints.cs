using AnHop.Server.Accounts.TwoFactor;
using AnHop.Server.Data;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Accounts;

/// <summary>Setting up, confirming and turning off TOTP two-factor sign-in.</summary>
public static class TwoFactorEndpoints
{
    public static RouteGroupBuilder MapTwoFactor(this RouteGroupBuilder account)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.MapPost("/totp/setup", SetupAsync).RequireAuthorization(AuthorizationPolicies.AccountSetup).RequireAnHopRequestHeader();
        account.MapPost("/totp/confirm", ConfirmAsync).RequireAuthorization(AuthorizationPolicies.AccountSetup)
            .RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        account.MapDelete("/totp", DisableAsync).RequireAuthorization(AuthorizationPolicies.SignedIn)
            .RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        account.MapPost("/recovery-codes", RegenerateRecoveryCodesAsync).RequireAuthorization(AuthorizationPolicies.SignedIn)
            .RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        return account;
    }

    private static async Task<IResult> SetupAsync(HttpContext http, UserManager<AnHopUser> users, UserSessions sessions,
        IStringLocalizer<SharedResource> text)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        if (user.TwoFactorEnabled)
        {
            return Results.Problem(title: text["Account.Totp.AlreadyOn"], statusCode: StatusCodes.Status409Conflict);
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await sessions.SignInAsync(http, user, UserSessions.CurrentId(http.User)); // a new key changes the security stamp
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = TotpSetup.OtpAuthUri(user, key);
        return Results.Ok(new TotpSetupResponse(key, uri, TotpSetup.QrSvg(uri)));
    }

    private static async Task<IResult> ConfirmAsync(CodeRequest request, HttpContext http, UserManager<AnHopUser> users,
        UserSessions sessions, RecoveryCodes recovery, IStringLocalizer<SharedResource> text, ILogger<UserSessions> logger)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        if (user.TwoFactorEnabled || string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            return Results.Problem(title: text["Account.Totp.NotStarted"], statusCode: StatusCodes.Status409Conflict);
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.ProviderName, request.Code ?? ""))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [text["Account.Totp.WrongCode"]] });
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = await recovery.ReplaceAsync(user.Id, http.RequestAborted);
        AccountsLog.TwoFactorEnabled(logger, user.Id);
        await sessions.SignInAsync(http, user, UserSessions.CurrentId(http.User)); // lifts an administrator's set-up restriction
        return Results.Ok(new RecoveryCodesResponse(codes));
    }

    private static async Task<IResult> DisableAsync([FromBody] CodeRequest request, HttpContext http, UserManager<AnHopUser> users,
        UserSessions sessions, RecoveryCodes recovery, AnHopDbContext db, IStringLocalizer<SharedResource> text, ILogger<UserSessions> logger)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        // An administrator keeps a second factor (VN-REQUIREMENTS #20): TOTP may go only while a passkey stays.
        if ((await users.GetRolesAsync(user)).Any(AccountRoles.RequiresSecondFactor)
            && (await SecondFactors.OfAsync(user, db, http.RequestAborted)).PasskeyCount == 0)
        {
            return Results.Problem(title: text["Account.Totp.RequiredForAdmins"], statusCode: StatusCodes.Status409Conflict);
        }

        if (!user.TwoFactorEnabled || !await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.ProviderName, request.Code ?? ""))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [text["Account.Totp.WrongCode"]] });
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.RemoveAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey");
        await recovery.RemoveAllAsync(user.Id, http.RequestAborted);
        await sessions.SignInAsync(http, user, UserSessions.CurrentId(http.User));
        AccountsLog.TwoFactorDisabled(logger, user.Id);
        return Results.NoContent();
    }

    /// <summary>
    /// New recovery codes for an account with TOTP on: the old ones stop working at once, the new ones are answered
    /// once. The person confirms with a current TOTP code or their password, as a stolen open session should not be
    /// enough to mint codes that sign in elsewhere.
    /// </summary>
    private static async Task<IResult> RegenerateRecoveryCodesAsync(RecoveryCodesRequest request, HttpContext http, UserManager<AnHopUser> users,
        SignInManager<AnHopUser> signIn, RecoveryCodes recovery, IStringLocalizer<SharedResource> text, ILogger<UserSessions> logger)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        if (!user.TwoFactorEnabled)
        {
            return Results.Problem(title: text["Account.Recovery.NeedsTotp"], statusCode: StatusCodes.Status409Conflict);
        }

        var code = (request.Code ?? "").Trim();
        var password = request.Password ?? "";
        if (code.Length > 0)
        {
            if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.ProviderName, code))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [text["Account.Totp.WrongCode"]] });
            }
        }
        else if (password.Length > 0)
        {
            // The sign-in's own check: a wrong password counts towards the lockout; a locked account cannot confirm this way.
            if (!(await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["password"] = [text["Account.Password.Mismatch"]] });
            }
        }
        else
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [text["Account.Recovery.ConfirmNeeded"]] });
        }

        var codes = await recovery.ReplaceAsync(user.Id, http.RequestAborted);
        AccountsLog.RecoveryCodesReplaced(logger, user.Id, codes.Count);
        return Results.Ok(new RecoveryCodesResponse(codes));
    }
}

/// <summary>Confirms a sensitive change with a current TOTP code or, when empty, the account's password.</summary>
public sealed record RecoveryCodesRequest(string? Code, string? Password);

public sealed record TotpSetupResponse(string Secret, string OtpauthUri, string QrSvg);

public sealed record RecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);
