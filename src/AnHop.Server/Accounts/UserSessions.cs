using System.Security.Claims;
using AnHop.Server.Accounts.Data;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Accounts;

/// <summary>
/// Server-side sessions: each full sign-in creates a <see cref="UserSession"/> row whose id goes into the cookie,
/// so a session can be listed and revoked, and a password change can end every other one.
/// </summary>
public sealed class UserSessions(
    AnHopDbContext db,
    SignInManager<AnHopUser> signIn,
    AccountSecurityStore security,
    TimeProvider clock,
    ILogger<UserSessions> logger)
{
    /// <summary>Signs the browser in with a session (a new one, or <paramref name="sessionId"/> kept when the cookie is re-issued).</summary>
    public async Task<Guid> SignInAsync(HttpContext http, AnHopUser user, Guid? sessionId = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        var id = sessionId ?? await CreateAsync(http, user.Id);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(AccountClaims.SessionId, id.ToString()));
        var restriction = await RestrictionAsync(user);
        if (restriction is not null)
        {
            identity.AddClaim(new Claim(AccountClaims.Restriction, restriction));
        }

        await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = false });
        if (sessionId is null)
        {
            AccountsLog.SignedIn(logger, user.Id, id);
        }

        return id;
    }

    /// <summary>What the account must do before anything else: change a forced password, then set up a second factor (admins).</summary>
    public async Task<string?> RestrictionAsync(AnHopUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((await security.GetAsync(user.Id)).MustChangePassword)
        {
            return AccountRestrictions.PasswordChange;
        }

        if ((await signIn.UserManager.GetRolesAsync(user)).Any(AccountRoles.RequiresSecondFactor) && !(await TwoFactor.SecondFactors.OfAsync(user, db)).Any)
        {
            return AccountRestrictions.TwoFactorSetup;
        }

        return null;
    }

    public static Guid? CurrentId(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirstValue(AccountClaims.SessionId), out var id) ? id : null;

    public Task<List<UserSession>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAt == null)
            .ToListAsync(cancellationToken);

    /// <summary>Revokes one of the user's sessions; false when it is not theirs or already ended.</summary>
    public async Task<bool> RevokeAsync(Guid userId, Guid sessionId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.Set<UserSession>()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
        if (revoked > 0)
        {
            AccountsLog.SessionEnded(logger, sessionId, userId, reason);
        }

        return revoked > 0;
    }

    /// <summary>Revokes every session of the user except <paramref name="keep"/>; returns how many.</summary>
    public async Task<int> RevokeOthersAsync(Guid userId, Guid? keep, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await db.Set<UserSession>()
            .Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now), cancellationToken);
    }

    private async Task<Guid> CreateAsync(HttpContext http, Guid userId)
    {
        var now = clock.GetUtcNow();
        var userAgent = http.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            IpAddress = http.Connection.RemoteIpAddress?.ToString() ?? "",
            UserAgent = userAgent.Length > 256 ? userAgent[..256] : userAgent,
        };
        db.Add(session);
        await db.SaveChangesAsync(http.RequestAborted);
        return session.Id;
    }
}
