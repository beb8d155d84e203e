using System.Collections.Concurrent;

namespace AnHop.Core.Security;

/// <summary>
/// Short-lived, single-use secrets mapped to what they grant. Only the SHA-256 of each token is kept, so the store never
/// holds a usable token; redeeming removes the entry, and entries can be revoked by what they grant.
/// </summary>
public sealed class OneTimeSecretStore<T>(TimeProvider clock)
    where T : class
{
    private readonly ConcurrentDictionary<string, (T Value, DateTimeOffset ExpiresAt)> _byHash = new(StringComparer.Ordinal);

    public TimeProvider Clock => clock;

    public string Issue(T value, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(value);
        RemoveExpired();
        var token = SecretToken.Create();
        _byHash[Key(token)] = (value, clock.GetUtcNow() + lifetime);
        return token;
    }

    /// <summary>Takes the entry out: a second redemption of the same token fails.</summary>
    public bool TryRedeem(string? token, out T? value)
    {
        value = null;
        if (string.IsNullOrEmpty(token) || token.Length != SecretToken.Length)
        {
            return false;
        }

        if (!_byHash.TryRemove(Key(token), out var found) || found.ExpiresAt <= clock.GetUtcNow())
        {
            return false;
        }

        value = found.Value;
        return true;
    }

    /// <summary>Revokes every unredeemed entry that matches; returns how many.</summary>
    public int Revoke(Func<T, bool> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var revoked = 0;
        foreach (var (hash, entry) in _byHash)
        {
            if (match(entry.Value) && _byHash.TryRemove(hash, out _))
            {
                revoked++;
            }
        }

        return revoked;
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (hash, entry) in _byHash)
        {
            if (entry.ExpiresAt <= now)
            {
                _byHash.TryRemove(hash, out _);
            }
        }
    }

    // Equal hashes mean equal tokens; the dictionary's lookup timing reveals nothing about a token it does not hold.
    private static string Key(string token) => Convert.ToHexString(SecretToken.Hash(token));
}
