using AnHop.Server.Accounts;
using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Tests.Accounts;

public sealed class Argon2idPasswordHasherTests
{
    private readonly Argon2idPasswordHasher<object> _hasher = new();

    [Fact]
    public void Hashes_use_the_OWASP_parameters_in_PHC_format_with_a_fresh_salt()
    {
        var a = _hasher.HashPassword(new object(), "mật khẩu rất dài 2026");
        var b = _hasher.HashPassword(new object(), "mật khẩu rất dài 2026");
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", a, StringComparison.Ordinal);
        Assert.NotEqual(a, b);
        Assert.Equal(PasswordVerificationResult.Success, _hasher.VerifyHashedPassword(new object(), a, "mật khẩu rất dài 2026"));
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(new object(), a, "mật khẩu rất dài 2025"));
    }

    [Fact]
    public void A_hash_made_with_weaker_parameters_verifies_and_asks_for_a_rehash()
    {
        var weak = new Argon2idPasswordHasher<object>(new Argon2Parameters(8 * 1024, 1, 1)).HashPassword(new object(), "correct horse battery");
        Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, _hasher.VerifyHashedPassword(new object(), weak, "correct horse battery"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("AQAAAAIAAYagAAAAE")] // an Identity v3 PBKDF2 hash
    [InlineData("$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=99999999,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$not base64!$aGFzaGhhc2hoYXNoaGFzaA")]
    [InlineData("$argon2id$v=19$m=19456,t=2$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Malformed_or_foreign_hashes_fail_without_throwing(string stored)
    {
        Assert.Equal(PasswordVerificationResult.Failed, _hasher.VerifyHashedPassword(new object(), stored, "whatever password"));
    }
}
