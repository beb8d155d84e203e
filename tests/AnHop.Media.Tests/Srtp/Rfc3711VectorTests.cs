using AnHop.Media.Srtp;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

public class Rfc3711VectorTests
{
    // AES-128-CM, RFC 3711, Appendix B.2: session key 2B7E…, salt F0F1…FCFD, SSRC 0, index 0, so the
    // counter starts at the shifted salt and the keystream is the ciphertext of zeros.
    [Fact]
    public void Aes_cm_keystream_matches_appendix_B2()
    {
        using var counterMode = new AesCounterMode(Hex("2B7E151628AED2A6ABF7158809CF4F3C"));
        var keystream = new byte[65282 * 16];
        counterMode.Transform(Hex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), keystream);

        Assert.Equal(Hex("E03EAD0935C95E80E166B16DD92B4EB4"), keystream[..16]);
        Assert.Equal(Hex("D23513162B02D0F72A43A2FE4A5F97AB"), keystream[16..32]);
        Assert.Equal(Hex("41E95B3BB0A2E8DD477901E4FCA894C0"), keystream[32..48]);
        Assert.Equal(Hex("EC8CDF7398607CB0F2D21675EA9EA1E4"), keystream[(0xFEFF * 16)..(0xFF00 * 16)]);
        Assert.Equal(Hex("362B7C3C6773516318A077D7FC5073AE"), keystream[(0xFF00 * 16)..(0xFF01 * 16)]);
        Assert.Equal(Hex("6A2CC3787889374FBEB4C81B17BA6C44"), keystream[(0xFF01 * 16)..]);
    }

    // RFC 3711, Appendix B.3: key derivation with kdr 0.
    private static readonly byte[] MasterKey = Hex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Hex("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void Cipher_key_matches_appendix_B3()
    {
        var key = new byte[16];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpEncryptionLabel, key);
        Assert.Equal(Hex("C61E7A93744F39EE10734AFE3FF7A087"), key);
    }

    [Fact]
    public void Cipher_salt_matches_appendix_B3()
    {
        var salt = new byte[14];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpSaltLabel, salt);
        Assert.Equal(Hex("30CBBC08863D8C85D49DB34A9AE1"), salt);
    }

    [Fact]
    public void Auth_key_matches_appendix_B3()
    {
        // The RFC walks through a 94-octet auth key; SHA1-80 uses its first 20 octets.
        var authKey = new byte[94];
        SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authKey);
        Assert.Equal(Hex("""
            CEBE321F6FF7716B6FD4AB49AF256A15
            6D38BAA48F0A0ACF3C34E2359E6CDBCE
            E049646C43D9327AD175578EF7227098
            6371C10C9A369AC2F94A8C5FBCDDDC25
            6D6E919A48B610EF17C2041E47403576
            6B68642C59BBFC2F34DB60DBDFB2
            """), authKey);
    }
}
