using System.Collections.Concurrent;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>
/// The options (and so the challenge) of each WebAuthn ceremony in progress, kept on the server under a key bound to
/// the caller (their session, or the account at the second sign-in step): single-use and valid for five minutes.
/// The browser holds nothing but the challenge it signs.
/// </summary>
public sealed class PasskeyChallenges(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (string OptionsJson, DateTimeOffset ExpiresAt)> _pending = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="optionsJson"/> for <paramref name="key"/>, replacing a ceremony not finished there.</summary>
    public void Put(string key, string optionsJson)
    {
        var now = clock.GetUtcNow();
        foreach (var (old, entry) in _pending)
        {
            if (entry.ExpiresAt <= now)
            {
                _pending.TryRemove(old, out _);
            }
        }

        _pending[key] = (optionsJson, now + Lifetime);
    }

    /// <summary>Takes the options out (a second take fails); null when none, or expired.</summary>
    public string? Take(string key) =>
        _pending.TryRemove(key, out var entry) && entry.ExpiresAt > clock.GetUtcNow() ? entry.OptionsJson : null;

    public static string Registration(Guid sessionId) => "register:" + sessionId.ToString("N");

    public static string SignIn(Guid userId) => "sign-in:" + userId.ToString("N");
}
