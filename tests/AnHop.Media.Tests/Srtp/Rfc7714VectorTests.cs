using AnHop.Media.Srtp;
using static AnHop.Media.Tests.Srtp.SrtpTestData;

namespace AnHop.Media.Tests.Srtp;

/// <summary>
/// RFC 7714 §16 (SRTP) and §17 (SRTCP) AEAD_AES_128_GCM vectors. The RFC gives session keys and salts
/// directly, so these drive the cipher without the key derivation.
/// </summary>
public class Rfc7714VectorTests
{
    private static readonly byte[] Key = Hex("000102030405060708090a0b0c0d0e0f");
    private static readonly byte[] Salt = Hex("517569642070726f2071756f"); // "Quid pro quo"

    // §16.1: SSRC 5501a0b2, SEQ f17b, ROC 0; payload "Gallia est omnis divisa in partes tres".
    private static readonly byte[] RtpPlain = Hex("""
        8040f17b 8041f8d3 5501a0b2 47616c6c
        69612065 7374206f 6d6e6973 20646976
        69736120 696e2070 61727465 73207472
        6573
        """);

    private static readonly byte[] RtpProtected = Hex("""
        8040f17b 8041f8d3 5501a0b2 f24de3a3
        fb34de6c acba861c 9d7e4bca be633bd5
        0d294e6f 42a5f47a 51c7d19b 36de3adf
        8833899d 7f27beb1 6a9152cf 765ee439
        0cce
        """);

    // §17: sender SSRC "Mars", SRTCP index 0x5d4.
    private static readonly byte[] RtcpPlain = Hex("""
        81c8000d 4d617273 4e545031 4e545032
        52545020 0000042a 0000e930 4c756e61
        deadbeef deadbeef deadbeef deadbeef
        deadbeef
        """);

    // §17.1: encrypted (E = 1).
    private static readonly byte[] RtcpProtected = Hex("""
        81c8000d 4d617273 63e94885 dcdab67c
        a727d766 2f6b7e99 7ff5c0f7 6c06f32d
        c676a5f1 730d6fda 4ce09b46 86303ded
        0bb9275b c84aa458 96cf4d2f c5abf872
        45d9eade 800005d4
        """);

    // §17.3: authenticated only (E = 0).
    private static readonly byte[] RtcpAuthenticatedOnly = Hex("""
        81c8000d 4d617273 4e545031 4e545032
        52545020 0000042a 0000e930 4c756e61
        deadbeef deadbeef deadbeef deadbeef
        deadbeef 841dd968 3dd78ec9 2ae58790
        125f62b3 000005d4
        """);

    private static SrtpAesGcmCipher Cipher() => new(Key, Salt, Key, Salt);

    [Fact]
    public void Rtp_encryption_matches_section_16_1()
    {
        using var cipher = Cipher();
        var buffer = new byte[RtpPlain.Length + 16];
        RtpPlain.CopyTo(buffer, 0);
        var length = cipher.EncryptRtp(buffer, 12, RtpPlain.Length, 0x5501a0b2, 0xf17b);
        Assert.Equal(RtpProtected, buffer[..length]);
    }

    [Fact]
    public void Rtp_decryption_of_section_16_1_through_the_context()
    {
        using var context = new SrtpContext(SrtpProfile.AeadAes128Gcm, Cipher());
        var packet = (byte[])RtpProtected.Clone();
        Assert.True(context.UnprotectRtp(packet, out var plainLength, out var reason), reason);
        Assert.Equal(RtpPlain, packet[..plainLength]);

        // The same packet again is a replay.
        packet = (byte[])RtpProtected.Clone();
        Assert.False(context.UnprotectRtp(packet, out _, out reason));
        Assert.Equal(SrtpErrors.Replayed, reason);
    }

    [Fact]
    public void Rtcp_encryption_matches_section_17_1()
    {
        using var cipher = Cipher();
        var buffer = new byte[RtcpPlain.Length + 20];
        RtcpPlain.CopyTo(buffer, 0);
        var length = cipher.EncryptRtcp(buffer, RtcpPlain.Length, 0x4d617273, 0x5d4);
        Assert.Equal(RtcpProtected, buffer[..length]);
    }

    [Fact]
    public void Rtcp_decryption_of_section_17_1_through_the_context()
    {
        using var context = new SrtpContext(SrtpProfile.AeadAes128Gcm, Cipher());
        var packet = (byte[])RtcpProtected.Clone();
        Assert.True(context.UnprotectRtcp(packet, out var plainLength, out var reason), reason);
        Assert.Equal(RtcpPlain, packet[..plainLength]);
    }

    [Fact]
    public void Rtcp_authenticated_only_packet_of_section_17_3_verifies()
    {
        using var context = new SrtpContext(SrtpProfile.AeadAes128Gcm, Cipher());
        var packet = (byte[])RtcpAuthenticatedOnly.Clone();
        Assert.True(context.UnprotectRtcp(packet, out var plainLength, out var reason), reason);
        Assert.Equal(RtcpPlain, packet[..plainLength]);

        var forged = (byte[])RtcpAuthenticatedOnly.Clone();
        forged[20] ^= 1;
        using var fresh = new SrtpContext(SrtpProfile.AeadAes128Gcm, Cipher());
        Assert.False(fresh.UnprotectRtcp(forged, out _, out reason));
        Assert.Equal(SrtpErrors.AuthenticationFailed, reason);
    }
}
