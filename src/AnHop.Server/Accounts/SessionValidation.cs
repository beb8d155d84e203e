using AnHop.Server.Accounts.Data;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Accounts;

/// <summary>
/// The cookie's OnValidatePrincipal: every request's session must exist, be unrevoked and, for administrators,
/// have been seen within <see cref="AccountOptions.AdminIdleTimeout"/>, and the account's security stamp must match
/// the cookie's; otherwise the cookie is rejected and removed.
/// </summary>
public static class SessionValidation
{
    // Last-seen is written at most this often, so a busy page does not write on every request.
    private static readonly TimeSpan TouchInterval = TimeSpan.FromSeconds(30);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var principal = context.Principal;
        var sessionId = principal is null ? null : UserSessions.CurrentId(principal);
        var userId = Guid.TryParse(principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var uid) ? uid : Guid.Empty;
        var db = services.GetRequiredService<AnHopDbContext>();
        var session = sessionId is null
            ? null
            : await db.Set<UserSession>().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // Identity renews the security stamp when the password or second factor changes (and role changes should renew it):
        // a cookie made before is stale.
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var stamp = await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync();
        if (session is null || session.RevokedAt is not null || stamp is null || stamp != principal!.FindFirst(stampClaim)?.Value)
        {
            await RejectAsync(context);
            return;
        }

        var administrative = AccountRoles.Administrative.Any(role => principal!.IsInRole(role));
        var adminIdle = services.GetRequiredService<IOptions<AccountOptions>>().Value.AdminIdleTimeout;
        if (administrative && now - session.LastSeenAt > adminIdle)
        {
            session.RevokedAt = now;
            await db.SaveChangesAsync();
            AccountsLog.SessionEnded(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionValidation)),
                session.Id, userId, "administrator idle timeout");
            await RejectAsync(context);
            return;
        }

        if (now - session.LastSeenAt >= TouchInterval)
        {
            session.LastSeenAt = now;
            await db.SaveChangesAsync();
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}
