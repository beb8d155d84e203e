using Xunit.Sdk;

namespace AnHop.Server.Tests.Email;

public sealed class SecretScanTests
{
    private const string Passcode = "Kq7-93mXz";
    private const string Token = "b64url_TOKEN-abc/def+gh";

    [Fact]
    public void A_planted_secret_is_found_and_named_by_where_it_appeared()
    {
        string[] urls = ["https://anhop.local/m/abc-defg-hij"];
        string[] logs = ["Information AnHop[1000] listening", "Warning X[1] nothing", $"Information Microsoft.AspNetCore.Hosting[1] GET /m/abc?p={Passcode}"];

        var ex = Assert.Throws<FailException>(() => SecretScan.AssertAbsent([Token, Passcode], urls, logs));

        Assert.Contains("secret #2 (as written) in haystack 2, entry 3", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GET /m/abc?p=«secret #2»", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Passcode, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_encoded_or_html_encoded_secret_is_found_too()
    {
        var findings = SecretScan.Find(
            [Token, "a<b>&c\"d"],
            [$"https://anhop.local/join?t={Uri.EscapeDataString(Token)}"],
            ["<p>a&lt;b&gt;&amp;c&quot;d</p>"]);

        Assert.Equal(2, findings.Count);
        Assert.Contains("secret #1 (URL-encoded) in haystack 1, entry 1", findings[0], StringComparison.Ordinal);
        Assert.Contains("secret #2 (HTML-encoded) in haystack 2, entry 1", findings[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_is_found_whatever_its_case()
    {
        Assert.Single(SecretScan.Find([Passcode], [$"log: {Passcode.ToUpperInvariant()}"]));
    }

    [Fact]
    public void Clean_text_passes()
    {
        SecretScan.AssertAbsent([Passcode, Token], ["https://anhop.local/m/abc-defg-hij"], ["Information AnHop[6001] sent", "Kq7-93m"]);
        Assert.Empty(SecretScan.Find([Passcode], ["Kq7 93mXz", "Kq7-93mX"]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    public void A_secret_short_enough_to_match_by_chance_is_refused(string secret)
    {
        Assert.Throws<ArgumentException>(() => SecretScan.AssertAbsent([secret], ["text"]));
    }
}
