using System.Security.Cryptography;
using System.Text;
using AnHop.Media.Dtls;
using AnHop.Media.Tests.Testing;
using CsCheck;

namespace AnHop.Media.Tests.Dtls;

public class DtlsFingerprintTests
{
    // The digest 00 01 … 1F in RFC 8122 §5 form: hash-func SP 2UHEX *(":" 2UHEX).
    private const string CountingDigestSdp =
        "sha-256 00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F";

    private static byte[] CountingDigest() => [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Fact]
    public void Formats_uppercase_colon_separated_hex_after_the_hash_name()
    {
        Assert.Equal(CountingDigestSdp, DtlsFingerprint.FromDigest(CountingDigest()).ToSdpValue());
    }

    [Fact]
    public void Parses_its_own_format_and_lowercase_and_an_uppercase_hash_name()
    {
        Assert.True(DtlsFingerprint.TryParse(CountingDigestSdp, out var upper));
        Assert.True(DtlsFingerprint.TryParse(CountingDigestSdp.ToLowerInvariant(), out var lower));
        Assert.True(DtlsFingerprint.TryParse("SHA-256 " + CountingDigestSdp[8..], out var shouting));

        Assert.Equal(CountingDigest(), upper!.GetDigest());
        Assert.Equal(upper, lower);
        Assert.Equal(upper, shouting);
    }

    [Theory]
    [InlineData("", "missing space between hash function and fingerprint")]
    [InlineData("sha-1 00:01", "hash function is not sha-256")]
    [InlineData("sha-256 00:01:02", "fingerprint is not 32 colon-separated hex pairs")]
    [InlineData("sha-256 00-01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F", "hex pairs are not separated by ':'")]
    [InlineData("sha-256 0G:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:10:11:12:13:14:15:16:17:18:19:1A:1B:1C:1D:1E:1F", "fingerprint has a non-hex digit")]
    public void Refuses_malformed_values_and_says_why(string value, string expectedReason)
    {
        Assert.False(DtlsFingerprint.TryParse(value, out var fingerprint, out var reason));
        Assert.Null(fingerprint);
        Assert.Equal(expectedReason, reason);
        Assert.Throws<FormatException>(() => DtlsFingerprint.Parse(value));
    }

    [Fact]
    public void Matches_the_SHA256_of_the_certificate_bytes_only()
    {
        var certificate = Encoding.ASCII.GetBytes("not really DER, but hashing does not care");
        var fingerprint = DtlsFingerprint.FromCertificate(certificate);

        Assert.Equal(SHA256.HashData(certificate), fingerprint.GetDigest());
        Assert.True(fingerprint.Matches(certificate));
        certificate[0] ^= 1;
        Assert.False(fingerprint.Matches(certificate));
    }

    [Fact]
    public void Round_trips_any_digest_through_SDP()
    {
        Gen.Byte.Array[32].Sample(digest =>
        {
            var fingerprint = DtlsFingerprint.FromDigest(digest);
            Assert.True(DtlsFingerprint.TryParse(fingerprint.ToSdpValue(), out var parsed));
            Assert.Equal(fingerprint, parsed);
            Assert.Equal(digest, parsed!.GetDigest());
        });
    }

    [Fact]
    public void Parser_survives_fuzzing()
    {
        var chars = new char[1600];
        Fuzzer.Run("dtls-fingerprint", input =>
        {
            var count = Encoding.Latin1.GetChars(input, chars);
            DtlsFingerprint.TryParse(chars.AsSpan(0, count), out _, out _);
        }, [Encoding.ASCII.GetBytes(CountingDigestSdp), Encoding.ASCII.GetBytes(CountingDigestSdp.ToLowerInvariant())]);
    }

    [Fact]
    public void Matching_a_certificate_allocates_nothing()
    {
        var certificate = new byte[400];
        var fingerprint = DtlsFingerprint.FromCertificate(certificate);

        Allocations.AssertNone(() => Assert.True(fingerprint.Matches(certificate)));
    }
}
