using AnHop.Server.Data;
using AnHop.Server.Web;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>
/// The passkey as the second sign-in step, after the password: the two-factor cookie names the account, the challenge
/// waits on the server, and a correct assertion completes the sign-in like a TOTP code. Every refusal is the sign-in's
/// one uniform failure.
/// </summary>
public static class PasskeySignInEndpoints
{
    public static RouteGroupBuilder MapPasskeySignIn(this RouteGroupBuilder account)
    {
        ArgumentNullException.ThrowIfNull(account);
        account.MapPost("/sign-in/passkey/options", OptionsAsync)
            .AllowAnonymous().RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader(); // the two-factor cookie is checked inside
        account.MapPost("/sign-in/passkey", VerifyAsync)
            .AllowAnonymous().RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        return account;
    }

    private static async Task<IResult> OptionsAsync(HttpContext http, SignInManager<AnHopUser> signIn, PasskeyStore passkeys,
        PasskeyChallenges challenges, SignInFlow flow)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        var mine = user is null ? [] : await passkeys.ListAsync(user.Id, http.RequestAborted);
        if (user is null || mine.Count == 0)
        {
            return flow.Failure();
        }

        var options = RelyingParty.For(http.Request).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. mine.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId))],
            UserVerification = UserVerificationRequirement.Required,
        });
        var json = options.ToJson();
        challenges.Put(PasskeyChallenges.SignIn(user.Id), json);
        return Results.Content(json, "application/json");
    }

    private static async Task<IResult> VerifyAsync(PasskeyAssertionRequest request, HttpContext http, SignInManager<AnHopUser> signIn,
        PasskeyStore passkeys, PasskeyChallenges challenges, SignInThrottle throttle, SignInFlow flow, TimeProvider clock,
        ILogger<PasskeyStore> logger)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return flow.Failure();
        }

        if (throttle.TryAttempt(http, "user:" + user.Id) is { } throttled)
        {
            AccountsLog.AccountThrottled(logger);
            return throttled;
        }

        var users = signIn.UserManager;
        var optionsJson = challenges.Take(PasskeyChallenges.SignIn(user.Id)); // single-use, whatever follows
        if (await users.IsLockedOutAsync(user) || !await VerifyAssertionAsync(http, user, request.Credential, optionsJson, passkeys, clock, logger))
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

    private static async Task<bool> VerifyAssertionAsync(HttpContext http, AnHopUser user, AuthenticatorAssertionRawResponse? assertion,
        string? optionsJson, PasskeyStore passkeys, TimeProvider clock, ILogger logger)
    {
        if (optionsJson is null || assertion?.Response is null)
        {
            PasskeysLog.AssertionRefused(logger, user.Id, optionsJson is null ? "no challenge pending" : "no assertion");
            return false;
        }

        // Only a credential of this account: another account's passkey is refused even with a valid signature.
        var passkey = await passkeys.FindAsync(user.Id, assertion.RawId ?? [], http.RequestAborted);
        if (passkey is null)
        {
            PasskeysLog.AssertionRefused(logger, user.Id, "not a passkey of this account");
            return false;
        }

        VerifyAssertionResult result;
        try
        {
            result = await RelyingParty.For(http.Request).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = assertion,
                OriginalOptions = AssertionOptions.FromJson(optionsJson),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                    Task.FromResult(args.UserHandle is null || args.UserHandle.AsSpan().SequenceEqual(user.Id.ToByteArray())),
            }, http.RequestAborted);
        }
        catch (Fido2VerificationException ex)
        {
            if (SignCounter.WentBack(assertion.Response.AuthenticatorData, passkey.SignCount) is { } received)
            {
                PasskeysLog.CounterWentBack(logger, passkey.Id, user.Id, received, passkey.SignCount);
            }
            else
            {
                PasskeysLog.AssertionRefused(logger, user.Id, ex.Message);
            }

            return false;
        }

        // Fido2 refuses a counter that does not grow; checked here too so that no library change can let a clone through.
        if (SignCounter.WentBack(assertion.Response.AuthenticatorData, passkey.SignCount) is { } back)
        {
            PasskeysLog.CounterWentBack(logger, passkey.Id, user.Id, back, passkey.SignCount);
            return false;
        }

        passkey.SignCount = result.SignCount;
        passkey.LastUsedAt = clock.GetUtcNow();
        await passkeys.SaveAsync(http.RequestAborted);
        PasskeysLog.SignedIn(logger, user.Id, passkey.Id);
        return true;
    }
}

public sealed record PasskeyAssertionRequest(AuthenticatorAssertionRawResponse? Credential);
