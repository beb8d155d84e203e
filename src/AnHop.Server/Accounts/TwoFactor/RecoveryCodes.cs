using System.Security.Cryptography;
using AnHop.Core.Security;
using AnHop.Server.Accounts.Data;
using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Accounts.TwoFactor;

/// <summary>Ten single-use recovery codes per account, shown once and stored as SHA-256 hashes.</summary>
public sealed class RecoveryCodes(AnHopDbContext db, TimeProvider clock)
{
    public const int Count = 10;

    // Crockford-style base32 without look-alikes; 16 characters carry 80 random bits.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    /// <summary>Replaces the user's codes with <see cref="Count"/> new ones and returns them (the only time they exist in clear).</summary>
    public async Task<IReadOnlyList<string>> ReplaceAsync(Guid userId, CancellationToken cancellationToken)
    {
        await db.Set<RecoveryCode>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        var codes = Enumerable.Range(0, Count).Select(_ => NewCode()).ToList();
        foreach (var code in codes)
        {
            db.Add(new RecoveryCode { Id = Guid.NewGuid(), UserId = userId, CodeHash = SecretToken.Hash(Normalise(code)) });
        }

        await db.SaveChangesAsync(cancellationToken);
        return codes;
    }

    /// <summary>Uses up <paramref name="code"/> atomically; false when it is unknown or was used before.</summary>
    public async Task<bool> RedeemAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        var hash = SecretToken.Hash(Normalise(code));
        var now = clock.GetUtcNow();
        var used = await db.Set<RecoveryCode>()
            .Where(c => c.UserId == userId && c.CodeHash == hash && c.UsedAt == null)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.UsedAt, now), cancellationToken);
        return used == 1;
    }

    public Task<int> RemainingAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<RecoveryCode>().CountAsync(c => c.UserId == userId && c.UsedAt == null, cancellationToken);

    public Task RemoveAllAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Set<RecoveryCode>().Where(c => c.UserId == userId).ExecuteDeleteAsync(cancellationToken);

    private static string NewCode()
    {
        var chars = new char[19];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i % 5 == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    private static string Normalise(string code) =>
        new((code ?? "").Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
}
