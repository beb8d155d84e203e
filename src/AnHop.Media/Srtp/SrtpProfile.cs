namespace AnHop.Media.Srtp;

/// <summary>
/// SRTP protection profiles negotiated by the DTLS use_srtp extension.
/// Values are the RFC 5764 §4.1.2 / RFC 7714 §14.2 identifiers.
/// </summary>
public enum SrtpProfile : ushort
{
    Unknown = 0,

    /// <summary>SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764): AES-128 counter mode, 80-bit HMAC-SHA1 tag.</summary>
    Aes128CmHmacSha1_80 = 0x0001,

    /// <summary>SRTP_AEAD_AES_128_GCM (RFC 7714): AES-128 GCM with a 16-byte tag.</summary>
    AeadAes128Gcm = 0x0007,
}

/// <summary>Key and tag sizes of each profile (RFC 5764 §4.1.2, RFC 7714 §12).</summary>
public static class SrtpProfileExtensions
{
    public static int MasterKeyLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 or SrtpProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile"),
    };

    public static int MasterSaltLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 14,
        SrtpProfile.AeadAes128Gcm => 12,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile"),
    };

    /// <summary>Bytes appended to each SRTP packet: the HMAC tag or the GCM tag.</summary>
    public static int RtpAuthTagLength(this SrtpProfile profile) => profile switch
    {
        SrtpProfile.Aes128CmHmacSha1_80 => 10,
        SrtpProfile.AeadAes128Gcm => 16,
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "unsupported SRTP profile"),
    };

    /// <summary>Length of the DTLS-SRTP exporter output: 2 × (key + salt) (RFC 5764 §4.2).</summary>
    public static int KeyingMaterialLength(this SrtpProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength());
}
