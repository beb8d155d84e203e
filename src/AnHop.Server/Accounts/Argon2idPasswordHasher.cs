using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Accounts;

/// <summary>
/// Argon2id password hashes in the PHC string format
/// <c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>, with OWASP's password-storage minimum
/// (19 MiB memory, 2 iterations, 1 lane). A hash made with weaker parameters verifies and asks Identity to rehash.
/// </summary>
public sealed class Argon2idPasswordHasher<TUser> : IPasswordHasher<TUser>
    where TUser : class
{
    private const int SaltLength = 16;
    private const int HashLength = 32;

    public Argon2idPasswordHasher(Argon2Parameters? parameters = null)
    {
        Parameters = parameters ?? Argon2Parameters.Owasp;
    }

    public Argon2Parameters Parameters { get; }

    public string HashPassword(TUser user, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Compute(password, salt, Parameters, HashLength);
        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={Parameters.MemoryKiB},t={Parameters.Iterations},p={Parameters.Lanes}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public PasswordVerificationResult VerifyHashedPassword(TUser user, string hashedPassword, string providedPassword)
    {
        ArgumentNullException.ThrowIfNull(providedPassword);
        if (!TryDecode(hashedPassword, out var parameters, out var salt, out var expected))
        {
            return PasswordVerificationResult.Failed;
        }

        var actual = Compute(providedPassword, salt, parameters, expected.Length);
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return PasswordVerificationResult.Failed;
        }

        return parameters.IsWeakerThan(Parameters) ? PasswordVerificationResult.SuccessRehashNeeded : PasswordVerificationResult.Success;
    }

    private static byte[] Compute(string password, byte[] salt, Argon2Parameters parameters, int length)
    {
        using var argon = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = parameters.MemoryKiB,
            Iterations = parameters.Iterations,
            DegreeOfParallelism = parameters.Lanes,
        };
        return argon.GetBytes(length);
    }

    private static bool TryDecode(string encoded, out Argon2Parameters parameters, out byte[] salt, out byte[] hash)
    {
        parameters = Argon2Parameters.Owasp;
        salt = [];
        hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        int memory = 0, iterations = 0, lanes = 0;
        foreach (var pair in parts[3].Split(','))
        {
            var kv = pair.Split('=');
            if (kv.Length != 2 || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            switch (kv[0])
            {
                case "m": memory = value; break;
                case "t": iterations = value; break;
                case "p": lanes = value; break;
                default: return false;
            }
        }

        if (memory < 8 || iterations < 1 || lanes < 1 || memory > 4 * 1024 * 1024 || iterations > 64 || lanes > 64)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[4]);
            hash = Convert.FromBase64String(parts[5]);
        }
        catch (FormatException)
        {
            return false;
        }

        parameters = new Argon2Parameters(memory, iterations, lanes);
        return salt.Length >= 8 && hash.Length >= 16;
    }
}

/// <summary>Argon2id cost parameters.</summary>
public sealed record Argon2Parameters(int MemoryKiB, int Iterations, int Lanes)
{
    /// <summary>OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1.</summary>
    public static Argon2Parameters Owasp { get; } = new(19 * 1024, 2, 1);

    public bool IsWeakerThan(Argon2Parameters other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return MemoryKiB < other.MemoryKiB || Iterations < other.Iterations;
    }
}
