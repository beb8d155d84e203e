using System.Security.Cryptography;

namespace AnHop.Media.Dtls;

/// <summary>
/// The SHA-256 digest of a DER certificate, as signalled in SDP by <c>a=fingerprint:sha-256 AB:CD:…</c>
/// (RFC 8122 §5, RFC 5763 §5). Equality compares the digest bytes in constant time.
/// </summary>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>The only hash function AnHop offers and accepts; every WebRTC browser uses it.</summary>
    public const string Sha256 = "sha-256";

    public const int DigestLength = 32;

    private readonly byte[] _digest;

    private DtlsFingerprint(byte[] digest) => _digest = digest;

    /// <summary>The raw digest; a copy, so callers cannot change the fingerprint.</summary>
    public byte[] GetDigest() => (byte[])_digest.Clone();

    public static DtlsFingerprint FromDigest(ReadOnlySpan<byte> sha256Digest)
    {
        if (sha256Digest.Length != DigestLength)
        {
            throw new ArgumentException($"a SHA-256 digest is {DigestLength} bytes, got {sha256Digest.Length}", nameof(sha256Digest));
        }

        return new DtlsFingerprint(sha256Digest.ToArray());
    }

    public static DtlsFingerprint FromCertificate(ReadOnlySpan<byte> certificateDer) =>
        new(SHA256.HashData(certificateDer));

    /// <summary>True when <paramref name="certificateDer"/> hashes to this fingerprint (constant-time compare).</summary>
    public bool Matches(ReadOnlySpan<byte> certificateDer)
    {
        Span<byte> digest = stackalloc byte[DigestLength];
        SHA256.HashData(certificateDer, digest);
        return CryptographicOperations.FixedTimeEquals(digest, _digest);
    }

    /// <summary>The SDP attribute value: <c>sha-256 AB:CD:…</c> (uppercase hex, RFC 8122 §5).</summary>
    public string ToSdpValue() => string.Create(Sha256.Length + 1 + (DigestLength * 3) - 1, _digest, static (chars, digest) =>
    {
        Sha256.AsSpan().CopyTo(chars);
        chars[Sha256.Length] = ' ';
        var at = Sha256.Length + 1;
        for (var i = 0; i < digest.Length; i++)
        {
            if (i > 0)
            {
                chars[at++] = ':';
            }

            chars[at++] = HexDigit(digest[i] >> 4);
            chars[at++] = HexDigit(digest[i] & 0xF);
        }
    });

    public override string ToString() => ToSdpValue();

    /*
     * RFC 8122 §5:
     *   attribute              =/ fingerprint-attribute
     *   fingerprint-attribute  =  "fingerprint" ":" hash-func SP fingerprint
     *   hash-func              =  "sha-1" / "sha-224" / "sha-256" / "sha-384" / "sha-512" / ... / token
     *   fingerprint            =  2UHEX *(":" 2UHEX)
     *
     * The value parsed here is what follows "a=fingerprint:". To be lenient with other stacks, the hash-func
     * token is compared without case and lowercase hex is accepted, although the grammar asks for uppercase.
     */
    public static bool TryParse(ReadOnlySpan<char> sdpValue, out DtlsFingerprint? fingerprint) =>
        TryParse(sdpValue, out fingerprint, out _);

    public static bool TryParse(ReadOnlySpan<char> sdpValue, out DtlsFingerprint? fingerprint, out string? reason)
    {
        fingerprint = null;
        var value = sdpValue.Trim();
        var space = value.IndexOf(' ');
        if (space < 0)
        {
            reason = "missing space between hash function and fingerprint";
            return false;
        }

        if (!value[..space].Equals(Sha256, StringComparison.OrdinalIgnoreCase))
        {
            reason = "hash function is not sha-256";
            return false;
        }

        var hex = value[(space + 1)..].TrimStart(' ');
        if (hex.Length != (DigestLength * 3) - 1)
        {
            reason = "fingerprint is not 32 colon-separated hex pairs";
            return false;
        }

        Span<byte> digest = stackalloc byte[DigestLength];
        for (var i = 0; i < DigestLength; i++)
        {
            var at = i * 3;
            if (i > 0 && hex[at - 1] != ':')
            {
                reason = "hex pairs are not separated by ':'";
                return false;
            }

            var high = HexValue(hex[at]);
            var low = HexValue(hex[at + 1]);
            if (high < 0 || low < 0)
            {
                reason = "fingerprint has a non-hex digit";
                return false;
            }

            digest[i] = (byte)((high << 4) | low);
        }

        fingerprint = new DtlsFingerprint(digest.ToArray());
        reason = null;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/>; for configuration and tests, not for hostile input.</summary>
    public static DtlsFingerprint Parse(string sdpValue)
    {
        ArgumentNullException.ThrowIfNull(sdpValue);
        return TryParse(sdpValue, out var fingerprint, out var reason)
            ? fingerprint!
            : throw new FormatException($"bad DTLS fingerprint '{sdpValue}': {reason}");
    }

    public bool Equals(DtlsFingerprint? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_digest, other._digest);

    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    public override int GetHashCode() => BitConverter.ToInt32(_digest, 0);

    private static char HexDigit(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
