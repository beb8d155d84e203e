using System.Security.Cryptography;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Accounts;

/// <summary>
/// An Argon2id hash of a random password, made once per process: a sign-in for an unknown or locked-out account
/// verifies against it, so those answers cost the same work as a wrong password.
/// </summary>
public sealed class DummyPasswordHash(IPasswordHasher<AnHopUser> hasher)
{
    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(new AnHopUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    public void Verify(string password) => hasher.VerifyHashedPassword(new AnHopUser(), _hash.Value, password);
}
