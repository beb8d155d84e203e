using AnHop.Server.Accounts.Data;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>Keeps the Argon2id hashes of a user's last <see cref="Depth"/> passwords so none of them is chosen again.</summary>
public sealed class PasswordHistory(AnHopDbContext db, IPasswordHasher<AnHopUser> hasher, TimeProvider clock)
{
    public const int Depth = 5;

    /// <summary>Records the user's current password hash (call after every password set) and forgets older ones.</summary>
    public async Task RecordAsync(AnHopUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(user.PasswordHash))
        {
            return;
        }

        db.Add(new PasswordHistoryEntry { Id = Guid.NewGuid(), UserId = user.Id, PasswordHash = user.PasswordHash, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(cancellationToken);
        var older = (await LatestFirstAsync(user.Id)).Skip(Depth).Select(e => e.Id).ToList();
        await db.Set<PasswordHistoryEntry>().Where(e => older.Contains(e.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>True when <paramref name="password"/> is the current password or one of the last <see cref="Depth"/>.</summary>
    public async Task<bool> IsReusedAsync(AnHopUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var hashes = (await LatestFirstAsync(user.Id)).Take(Depth).Select(e => e.PasswordHash).ToList();
        if (!string.IsNullOrEmpty(user.PasswordHash))
        {
            hashes.Add(user.PasswordHash);
        }

        return hashes.Distinct(StringComparer.Ordinal)
            .Any(hash => hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed);
    }

    // A handful of rows per user, ordered here: SQLite cannot order by DateTimeOffset.
    private async Task<List<PasswordHistoryEntry>> LatestFirstAsync(Guid userId) =>
        [.. (await db.Set<PasswordHistoryEntry>().AsNoTracking().Where(e => e.UserId == userId).ToListAsync()).OrderByDescending(e => e.CreatedAt)];
}
