using AnHop.Server.Data;
using AnHop.Server.Web;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>A signed-in user adds, lists and removes passkeys.</summary>
public static class PasskeyRegistrationEndpoints
{
    public static RouteGroupBuilder MapPasskeyRegistration(this RouteGroupBuilder account)
    {
        ArgumentNullException.ThrowIfNull(account);

        // AccountSetup: an administrator whose session is restricted until a second factor exists may add one here.
        account.MapPost("/passkeys/options", OptionsAsync).RequireAuthorization(AuthorizationPolicies.AccountSetup).RequireAnHopRequestHeader();
        account.MapPost("/passkeys", RegisterAsync).RequireAuthorization(AuthorizationPolicies.AccountSetup)
            .RequireRateLimiting(SignInThrottle.PerIpPolicy).RequireAnHopRequestHeader();
        account.MapGet("/passkeys", ListAsync).RequireAuthorization(AuthorizationPolicies.AccountSetup);
        account.MapDelete("/passkeys/{id:guid}", RemoveAsync).RequireAuthorization(AuthorizationPolicies.SignedIn).RequireAnHopRequestHeader();
        return account;
    }

    private static async Task<IResult> OptionsAsync(HttpContext http, UserManager<AnHopUser> users, PasskeyStore passkeys,
        PasskeyChallenges challenges)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null || UserSessions.CurrentId(http.User) is not { } sessionId)
        {
            return Results.Unauthorized();
        }

        var existing = await passkeys.ListAsync(user.Id, http.RequestAborted);
        var options = RelyingParty.For(http.Request).RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = user.Id.ToByteArray(), Name = user.Email ?? user.UserName ?? "", DisplayName = user.DisplayName },
            ExcludeCredentials = [.. existing.Select(p => new PublicKeyCredentialDescriptor(p.CredentialId))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = options.ToJson();
        challenges.Put(PasskeyChallenges.Registration(sessionId), json);
        return Results.Content(json, "application/json");
    }

    private static async Task<IResult> RegisterAsync(PasskeyRegistrationRequest request, HttpContext http, UserManager<AnHopUser> users,
        PasskeyStore passkeys, PasskeyChallenges challenges, UserSessions sessions, TimeProvider clock,
        IStringLocalizer<SharedResource> text, ILogger<PasskeyStore> logger)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null || UserSessions.CurrentId(http.User) is not { } sessionId)
        {
            return Results.Unauthorized();
        }

        var name = string.IsNullOrWhiteSpace(request.Name) ? text["Passkey.DefaultName"].Value : request.Name.Trim();
        if (name.Length > PasskeyCredentialConfiguration.MaxNameLength)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["name"] = [string.Format(System.Globalization.CultureInfo.CurrentCulture, text["Passkey.NameTooLong"], PasskeyCredentialConfiguration.MaxNameLength)],
            });
        }

        // Taken before anything else: whatever happens next, this challenge cannot be answered twice.
        var optionsJson = challenges.Take(PasskeyChallenges.Registration(sessionId));
        if (optionsJson is null || request.Credential is null)
        {
            PasskeysLog.RegistrationRefused(logger, user.Id, optionsJson is null ? "no challenge pending" : "no credential");
            return Refused(text);
        }

        RegisteredPublicKeyCredential credential;
        try
        {
            credential = await RelyingParty.For(http.Request).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = request.Credential,
                OriginalOptions = CredentialCreateOptions.FromJson(optionsJson),
                IsCredentialIdUniqueToUserCallback = async (args, cancellationToken) =>
                    !await passkeys.ExistsAsync(args.CredentialId, cancellationToken),
            }, http.RequestAborted);
        }
        catch (Fido2VerificationException ex)
        {
            PasskeysLog.RegistrationRefused(logger, user.Id, ex.Message);
            return Refused(text);
        }

        var passkey = new PasskeyCredential
        {
            Id = Guid.NewGuid(),
            UserId = user.Id,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            SignCount = credential.SignCount,
            Aaguid = credential.AaGuid,
            Transports = string.Join(',', (credential.Transports ?? []).Select(t => t.ToString().ToLowerInvariant())),
            Name = name,
            CreatedAt = clock.GetUtcNow(),
        };
        await passkeys.AddAsync(passkey, http.RequestAborted);
        PasskeysLog.Added(logger, user.Id, passkey.Id);
        await sessions.SignInAsync(http, user, sessionId); // lifts an administrator's set-up restriction, as a confirmed TOTP does
        return Results.Created($"/api/account/passkeys/{passkey.Id}", PasskeyResponse.From(passkey));
    }

    private static async Task<IResult> ListAsync(HttpContext http, PasskeyStore passkeys) =>
        Results.Ok((await passkeys.ListAsync(AccountEndpoints.UserId(http.User), http.RequestAborted)).Select(PasskeyResponse.From));

    private static async Task<IResult> RemoveAsync(Guid id, HttpContext http, UserManager<AnHopUser> users, PasskeyStore passkeys,
        IStringLocalizer<SharedResource> text, ILogger<PasskeyStore> logger)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.Unauthorized();
        }

        var mine = await passkeys.ListAsync(user.Id, http.RequestAborted);
        if (!mine.Any(p => p.Id == id))
        {
            return Results.NotFound();
        }

        // An administrator keeps at least one second factor (VN-REQUIREMENTS #20).
        if (mine.Count == 1 && !user.TwoFactorEnabled && (await users.GetRolesAsync(user)).Any(AccountRoles.RequiresSecondFactor))
        {
            return Results.Problem(title: text["Passkey.RequiredForAdmins"], statusCode: StatusCodes.Status409Conflict);
        }

        if (!await passkeys.RemoveAsync(user.Id, id, http.RequestAborted))
        {
            return Results.NotFound();
        }

        PasskeysLog.Removed(logger, user.Id, id);
        return Results.NoContent();
    }

    private static IResult Refused(IStringLocalizer<SharedResource> text) =>
        Results.Problem(title: text["Passkey.RegistrationFailed"], statusCode: StatusCodes.Status400BadRequest);
}

public sealed record PasskeyRegistrationRequest(AuthenticatorAttestationRawResponse? Credential, string? Name);

public sealed record PasskeyResponse(Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt)
{
    public static PasskeyResponse From(PasskeyCredential passkey)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        return new PasskeyResponse(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt);
    }
}
