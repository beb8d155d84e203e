using System.Security.Cryptography;
using System.Text;

namespace AnHop.Core.Security;

/// <summary>
/// Random bearer secrets (set-up links, later invitations and join tickets): 256 bits from the OS CSPRNG,
/// written in unpadded base64url so they survive URLs and e-mail. Only their SHA-256 is ever stored,
/// and a presented token is checked against that hash in constant time.
/// </summary>
public static class SecretToken
{
    public const int EntropyBytes = 32;

    /// <summary>Length of a token in characters: 256 bits in base64url without padding.</summary>
    public const int Length = 43;

    public static string Create()
    {
        Span<byte> bytes = stackalloc byte[EntropyBytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }

    /// <summary>
    /// True when <paramref name="token"/> hashes to <paramref name="storedHash"/>; timing does not depend on where
    /// they differ. A missing or empty token never matches.
    /// </summary>
    public static bool Matches(string? token, ReadOnlySpan<byte> storedHash)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token ?? ""), hash);
        return CryptographicOperations.FixedTimeEquals(hash, storedHash) && !string.IsNullOrEmpty(token);
    }
}
