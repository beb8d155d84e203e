using System.Security.Claims;
using AnHop.Server.Accounts.Passkeys;
using AnHop.Server.Accounts.TwoFactor;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Accounts;

/// <summary>What follows a correct first or second factor: the second-factor step, or a session (maybe restricted).</summary>
public sealed class SignInFlow(UserManager<AnHopUser> users, UserSessions sessions, PasskeyStore passkeys, IStringLocalizer<SharedResource> text)
{
    public const string SignedIn = "signedIn";
    public const string TwoFactorRequired = "twoFactorRequired";

    // A restricted session answers its restriction with "Required": "passwordChangeRequired", "twoFactorSetupRequired".

    /// <summary>The one answer for every failed attempt (unknown e-mail, wrong password or code, locked out): same status, same bytes.</summary>
    public IResult Failure() => Results.Json(
        new SignInFailure("about:blank", text["Account.SignInFailed"], StatusCodes.Status400BadRequest),
        statusCode: StatusCodes.Status400BadRequest, contentType: "application/problem+json");

    public async Task<IResult> AfterPasswordAsync(HttpContext http, AnHopUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var methods = await MethodsAsync(user);
        if (methods.Count > 0) // TOTP is listed only when turned on; a passkey, once registered
        {
            var pending = new ClaimsIdentity(IdentityConstants.TwoFactorUserIdScheme);
            pending.AddClaim(new Claim(ClaimTypes.Name, user.Id.ToString()));
            await http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return Results.Ok(new SignInResponse(TwoFactorRequired, methods));
        }

        return await CompleteAsync(http, user);
    }

    public async Task<IResult> CompleteAsync(HttpContext http, AnHopUser user)
    {
        ArgumentNullException.ThrowIfNull(http);
        await http.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await sessions.SignInAsync(http, user);
        var restriction = await sessions.RestrictionAsync(user);
        return Results.Ok(new SignInResponse(restriction is null ? SignedIn : restriction + "Required", null));
    }

    /// <summary>
    /// The second factors this account can use: "passkey" first when it has registered one.
    /// </summary>
    public async Task<IReadOnlyList<string>> MethodsAsync(AnHopUser user)
    {
        var methods = new List<string>();
        if (await passkeys.HasAnyAsync(user.Id))
        {
            methods.Add("passkey");
        }

        if (await users.GetTwoFactorEnabledAsync(user) && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            methods.Add("totp");
            methods.Add("recovery");
        }

        return methods;
    }
}

public sealed record SignInRequest(string? Email, string? Password);

public sealed record CodeRequest(string? Code);

public sealed record SignInResponse(string Status, IReadOnlyList<string>? Methods);

public sealed record SignInFailure(string Type, string Title, int Status);
