using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>The passkeys of each account, read and changed through <see cref="AnHopDbContext"/>.</summary>
public sealed class PasskeyStore(AnHopDbContext db)
{
    /// <summary>Whether the account has a passkey: then "passkey" is one of its second factors.</summary>
    public Task<bool> HasAnyAsync(Guid userId, CancellationToken cancellationToken = default) =>
        db.Set<PasskeyCredential>().AnyAsync(p => p.UserId == userId, cancellationToken);

    /// <summary>Oldest first (sorted here: SQLite cannot order by a DateTimeOffset).</summary>
    public async Task<List<PasskeyCredential>> ListAsync(Guid userId, CancellationToken cancellationToken) =>
        [.. (await db.Set<PasskeyCredential>().AsNoTracking().Where(p => p.UserId == userId).ToListAsync(cancellationToken))
            .OrderBy(p => p.CreatedAt)];

    public Task<bool> ExistsAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        db.Set<PasskeyCredential>().AnyAsync(p => p.CredentialId == credentialId, cancellationToken);

    /// <summary>The credential, only when it belongs to <paramref name="userId"/>.</summary>
    public Task<PasskeyCredential?> FindAsync(Guid userId, byte[] credentialId, CancellationToken cancellationToken) =>
        db.Set<PasskeyCredential>().FirstOrDefaultAsync(p => p.UserId == userId && p.CredentialId == credentialId, cancellationToken);

    public async Task AddAsync(PasskeyCredential passkey, CancellationToken cancellationToken)
    {
        db.Add(passkey);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    public async Task<bool> RemoveAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.Set<PasskeyCredential>().Where(p => p.Id == id && p.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
}
