namespace AnHop.Media.Srtp;

/// <summary>
/// The SRTP key derivation function: AES-128 in counter mode keyed with the master key (RFC 3711 §4.3.1,
/// §4.3.3), with a key derivation rate of 0, so "index DIV kdr" is always zero. GCM's 12-byte master salt
/// is zero-padded on the right to 14 bytes before use, as libsrtp does (RFC 7714 §11).
/// </summary>
internal static class SrtpKeyDerivation
{
    // RFC 3711 §4.3.2 and §4.3.3 labels.
    public const byte RtpEncryptionLabel = 0x00;
    public const byte RtpAuthenticationLabel = 0x01;
    public const byte RtpSaltLabel = 0x02;
    public const byte RtcpEncryptionLabel = 0x03;
    public const byte RtcpAuthenticationLabel = 0x04;
    public const byte RtcpSaltLabel = 0x05;

    private const int PrfSaltLength = 14;

    /// <summary>Fills <paramref name="output"/> with the session key (or salt) for <paramref name="label"/>.</summary>
    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        if (masterSalt.Length > PrfSaltLength)
        {
            throw new ArgumentException("master salt longer than 14 bytes", nameof(masterSalt));
        }

        // x = key_id XOR master_salt, where key_id = label || (index DIV kdr) is 56 bits, right-aligned
        // in the 112-bit salt, so the label lands on byte 7. IV = x * 2^16 (RFC 3711 §4.3.1, §4.3.3).
        Span<byte> iv = stackalloc byte[16];
        iv.Clear();
        masterSalt.CopyTo(iv);
        iv[7] ^= label;

        using var counterMode = new AesCounterMode(masterKey);
        output.Clear();
        counterMode.Transform(iv, output);
    }
}
