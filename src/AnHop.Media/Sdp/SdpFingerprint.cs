using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=fingerprint:&lt;hash-func&gt; SP 2UHEX *(":" 2UHEX)</c> (RFC 8122 §5): the hash of the
/// certificate the peer will present in the DTLS handshake.
/// </summary>
public sealed record SdpFingerprint : ISdpAttributeValue<SdpFingerprint>
{
    public const string Sha256Name = "sha-256";

    // The longest hash RFC 8122 names is sha-512; anything much longer is not a fingerprint.
    private const int MaxHashLength = 64;

    public SdpFingerprint(string hashFunction, ReadOnlySpan<byte> hash)
    {
        ArgumentNullException.ThrowIfNull(hashFunction);
        HashFunction = hashFunction;
        Hash = hash.ToArray();
    }

    /// <summary>The hash function token, lower case as RFC 8122 §5 registers it, e.g. <c>sha-256</c>.</summary>
    public string HashFunction { get; }

    public ReadOnlyMemory<byte> Hash { get; }

    public static string AttributeName => SdpAttributeNames.Fingerprint;

    /// <summary>The sha-256 fingerprint of a DER certificate.</summary>
    public static SdpFingerprint Sha256(ReadOnlySpan<byte> certificateDer) =>
        new(Sha256Name, SHA256.HashData(certificateDer));

    public static bool TryParse(string value, [NotNullWhen(true)] out SdpFingerprint? result)
    {
        result = null;
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !SdpGrammar.IsToken(value.AsSpan(0, space)))
        {
            return false;
        }

        var hex = value.AsSpan(space + 1);
        // 2HEX *(":" 2HEX): n bytes take 3n - 1 characters.
        if (hex.Length < 2 || (hex.Length + 1) % 3 != 0 || (hex.Length + 1) / 3 > MaxHashLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[MaxHashLength];
        var count = (hex.Length + 1) / 3;
        for (var i = 0; i < count; i++)
        {
            var at = i * 3;
            if ((i > 0 && hex[at - 1] != ':') || !TryHexDigit(hex[at], out var high) || !TryHexDigit(hex[at + 1], out var low))
            {
                return false;
            }

            hash[i] = (byte)((high << 4) | low);
        }

        result = new SdpFingerprint(value[..space], hash[..count]);
        return true;
    }

    /// <summary>Compares in constant time, since the value authenticates the DTLS peer.</summary>
    public bool Matches(string hashFunction, ReadOnlySpan<byte> hash) =>
        string.Equals(HashFunction, hashFunction, StringComparison.OrdinalIgnoreCase) &&
        CryptographicOperations.FixedTimeEquals(Hash.Span, hash);

    public string FormatValue()
    {
        var hex = Convert.ToHexString(Hash.Span);
        var text = new System.Text.StringBuilder(HashFunction.Length + 1 + hex.Length * 3 / 2);
        text.Append(HashFunction).Append(' ');
        for (var i = 0; i < hex.Length; i += 2)
        {
            if (i > 0)
            {
                text.Append(':');
            }

            text.Append(hex, i, 2);
        }

        return text.ToString();
    }

    public bool Equals(SdpFingerprint? other) =>
        other is not null && HashFunction == other.HashFunction && Hash.Span.SequenceEqual(other.Hash.Span);

    public override int GetHashCode() => HashCode.Combine(HashFunction, Hash.Length);

    private static bool TryHexDigit(char c, out int value)
    {
        value = c switch
        {
            >= '0' and <= '9' => c - '0',
            >= 'A' and <= 'F' => c - 'A' + 10,
            >= 'a' and <= 'f' => c - 'a' + 10,
            _ => -1,
        };
        return value >= 0;
    }
}
