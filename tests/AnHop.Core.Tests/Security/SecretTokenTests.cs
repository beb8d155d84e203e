using AnHop.Core.Security;
using CsCheck;

namespace AnHop.Core.Tests.Security;

public sealed class SecretTokenTests
{
    [Fact]
    public void Tokens_carry_256_bits_in_url_safe_characters()
    {
        var token = SecretToken.Create();
        Assert.Equal(SecretToken.Length, token.Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        var decoded = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=");
        Assert.Equal(SecretToken.EntropyBytes, decoded.Length);
    }

    [Fact]
    public void Ten_thousand_tokens_are_all_different_and_use_every_character_position()
    {
        var tokens = Enumerable.Range(0, 10_000).Select(_ => SecretToken.Create()).ToList();
        Assert.Equal(tokens.Count, tokens.Distinct(StringComparer.Ordinal).Count());
        // Each of the first 42 positions takes many values: no fixed prefix or structure.
        for (var i = 0; i < 42; i++)
        {
            Assert.True(tokens.Select(t => t[i]).Distinct().Count() > 50, $"position {i} shows structure");
        }
    }

    [Fact]
    public void A_token_matches_only_its_own_hash()
    {
        Gen.String.Sample(token =>
        {
            var hash = SecretToken.Hash(token);
            Assert.Equal(token.Length > 0, SecretToken.Matches(token, hash));
            Assert.False(SecretToken.Matches(token + "x", hash));
            Assert.False(SecretToken.Matches(null, hash));
        });
    }
}
