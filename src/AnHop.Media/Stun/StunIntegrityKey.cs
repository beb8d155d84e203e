using System.Security.Cryptography;
using System.Text;

namespace AnHop.Media.Stun;

/// <summary>
/// The HMAC-SHA1 key of MESSAGE-INTEGRITY (RFC 8489 §14.5), set up once per credential so the
/// per-packet path neither allocates nor redoes the key schedule. Not thread-safe: give each
/// receive loop (each ICE transport) its own instance.
/// </summary>
public sealed class StunIntegrityKey : IDisposable
{
    public const int MacLength = 20;

    private readonly IncrementalHash _hmac;

    public StunIntegrityKey(ReadOnlySpan<byte> key)
    {
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, key);
    }

    /// <summary>
    /// Short-term credential (RFC 8489 §9.1.1): the key is the password itself. SASLprep (OpaqueString) is
    /// not applied; ICE passwords are ice-chars only (RFC 8839 §5.4: ALPHA / DIGIT / "+" / "/"), which it leaves alone.
    /// </summary>
    public static StunIntegrityKey ShortTerm(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return new StunIntegrityKey(Encoding.UTF8.GetBytes(password));
    }

    /// <summary>
    /// Long-term credential (RFC 8489 §9.2.2, MD5 algorithm): key = MD5(username ":" realm ":" password).
    /// The strings are used as given; callers must already have applied SASLprep where it matters.
    /// </summary>
    public static StunIntegrityKey LongTerm(string username, string realm, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(realm);
        ArgumentNullException.ThrowIfNull(password);
#pragma warning disable CA5351 // RFC 8489 §9.2.2 defines the long-term key as MD5; it is not our choice.
        var key = MD5.HashData(Encoding.UTF8.GetBytes($"{username}:{realm}:{password}"));
#pragma warning restore CA5351
        return new StunIntegrityKey(key);
    }

    /// <summary>
    /// HMAC over a message prefix that ends where the MESSAGE-INTEGRITY attribute starts, with the header's
    /// length field replaced by <paramref name="adjustedLength"/> (RFC 8489 §14.5).
    /// </summary>
    internal void Compute(ReadOnlySpan<byte> prefix, ushort adjustedLength, Span<byte> mac)
    {
        Span<byte> length = [(byte)(adjustedLength >> 8), (byte)adjustedLength];
        _hmac.AppendData(prefix[..2]);
        _hmac.AppendData(length);
        _hmac.AppendData(prefix[4..]);
        _hmac.GetHashAndReset(mac);
    }

    public void Dispose() => _hmac.Dispose();
}
