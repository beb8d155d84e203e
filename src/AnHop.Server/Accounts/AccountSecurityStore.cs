using AnHop.Server.Accounts.Data;
using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Accounts;

/// <summary>Reads and changes <see cref="AccountSecurity"/>; a missing row means the defaults.</summary>
public sealed class AccountSecurityStore(AnHopDbContext db)
{
    public async Task<AccountSecurity> GetAsync(Guid userId) =>
        await db.Set<AccountSecurity>().AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId)
        ?? new AccountSecurity { UserId = userId };

    public async Task SetMustChangePasswordAsync(Guid userId, bool value)
    {
        await EnsureAsync(userId);
        await db.Set<AccountSecurity>().Where(s => s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.MustChangePassword, value));
    }

    /// <summary>Records <paramref name="step"/> as used, atomically; false when it (or a later step) was used already.</summary>
    public async Task<bool> TryUseTotpStepAsync(Guid userId, long step)
    {
        await EnsureAsync(userId);
        var updated = await db.Set<AccountSecurity>().Where(s => s.UserId == userId && s.LastTotpStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastTotpStep, step));
        return updated == 1;
    }

    private async Task EnsureAsync(Guid userId)
    {
        if (await db.Set<AccountSecurity>().AnyAsync(s => s.UserId == userId))
        {
            return;
        }

        db.Add(new AccountSecurity { UserId = userId });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Another request created it first; the row is there either way.
            db.ChangeTracker.Clear();
        }
    }
}
