using AnHop.Server.Accounts.Passkeys;
using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Accounts.TwoFactor;

/// <summary>
/// The second factors an account has: TOTP (Identity's two-factor flag, set when a TOTP key is confirmed) and its
/// passkeys. Two-step verification is on when either is present; the "administrators need a second factor" rule and
/// what /api/account/me reports both read it from here.
/// </summary>
public sealed record SecondFactors(bool TotpEnabled, int PasskeyCount)
{
    public bool Any => TotpEnabled || PasskeyCount > 0;

    public static async Task<SecondFactors> OfAsync(AnHopUser user, AnHopDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(db);
        return new SecondFactors(user.TwoFactorEnabled, await db.Set<PasskeyCredential>().CountAsync(p => p.UserId == user.Id, cancellationToken));
    }
}
