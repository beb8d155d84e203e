using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AnHop.Media.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 (RFC 3711 §4.1.1, §4.2.1): AES-128 counter mode and an HMAC-SHA1 tag cut to
/// 80 bits. The ciphers and HMACs are built once per session key and reused for every packet.
/// </summary>
internal sealed class SrtpAesCmHmacSha1Cipher : SrtpCipher
{
    public const int KeyLength = 16;
    public const int SaltLength = 14;
    public const int AuthKeyLength = 20;
    public const int TagLength = 10;

    private const int IndexWordLength = 4;

    private readonly AesCounterMode rtpCipher;
    private readonly AesCounterMode rtcpCipher;
    private readonly IncrementalHash rtpMac;
    private readonly IncrementalHash rtcpMac;
    private readonly byte[] rtpSalt;
    private readonly byte[] rtcpSalt;

    public SrtpAesCmHmacSha1Cipher(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        Span<byte> authKey = stackalloc byte[AuthKeyLength];
        rtpSalt = new byte[SaltLength];
        rtcpSalt = new byte[SaltLength];

        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, key);
        rtpCipher = new AesCounterMode(key);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpAuthenticationLabel, authKey);
        rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpSaltLabel, rtpSalt);

        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryptionLabel, key);
        rtcpCipher = new AesCounterMode(key);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpAuthenticationLabel, authKey);
        rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, authKey);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpSaltLabel, rtcpSalt);

        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(authKey);
    }

    public override int RtpTrailerLength => TagLength;

    public override int RtcpTrailerLength => IndexWordLength + TagLength;

    // RFC 3711 §3.4: E‖SRTCP index, then the (optional) MKI, then the tag.
    public override int RtcpIndexOffsetFromEnd => IndexWordLength + TagLength;

    public override int EncryptRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtpSalt, ssrc, index, iv);
        rtpCipher.Transform(iv, packet[headerLength..length]);
        RtpTag(packet[..length], SrtpIndex.RolloverCounter(index), packet.Slice(length, TagLength));
        return length + TagLength;
    }

    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        var authenticated = packet.Length - TagLength;
        Span<byte> tag = stackalloc byte[TagLength];
        RtpTag(packet[..authenticated], SrtpIndex.RolloverCounter(index), tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..]))
        {
            return false;
        }

        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtpSalt, ssrc, index, iv);
        rtpCipher.Transform(iv, packet[headerLength..authenticated]);
        return true;
    }

    public override int EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint index)
    {
        Span<byte> iv = stackalloc byte[16];
        BuildIv(rtcpSalt, ssrc, index, iv);
        rtcpCipher.Transform(iv, packet[SrtcpHeader.Length..length]);
        BinaryPrimitives.WriteUInt32BigEndian(packet[length..], 0x8000_0000u | index);
        var authenticated = length + IndexWordLength;
        RtcpTag(packet[..authenticated], packet.Slice(authenticated, TagLength));
        return authenticated + TagLength;
    }

    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        var authenticated = packet.Length - TagLength;
        Span<byte> tag = stackalloc byte[TagLength];
        RtcpTag(packet[..authenticated], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..]))
        {
            return false;
        }

        if (encrypted)
        {
            Span<byte> iv = stackalloc byte[16];
            BuildIv(rtcpSalt, ssrc, index, iv);
            rtcpCipher.Transform(iv, packet[SrtcpHeader.Length..(authenticated - IndexWordLength)]);
        }

        return true;
    }

    public override void Dispose()
    {
        rtpCipher.Dispose();
        rtcpCipher.Dispose();
        rtpMac.Dispose();
        rtcpMac.Dispose();
    }

    // RFC 3711 §4.1.1: IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (i * 2^16).
    private static void BuildIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        iv.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[4..], ssrc);
        BinaryPrimitives.WriteUInt16BigEndian(iv[8..], (ushort)(index >> 32));
        BinaryPrimitives.WriteUInt32BigEndian(iv[10..], (uint)index);
        for (var i = 0; i < SaltLength; i++)
        {
            iv[i] ^= salt[i];
        }
    }

    // RFC 3711 §4.2: the SRTP tag covers the authenticated portion followed by the ROC.
    private void RtpTag(ReadOnlySpan<byte> authenticated, uint rolloverCounter, Span<byte> tag)
    {
        Span<byte> roc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(roc, rolloverCounter);
        Span<byte> digest = stackalloc byte[20];
        rtpMac.AppendData(authenticated);
        rtpMac.AppendData(roc);
        rtpMac.GetHashAndReset(digest);
        digest[..TagLength].CopyTo(tag);
    }

    private void RtcpTag(ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        Span<byte> digest = stackalloc byte[20];
        rtcpMac.AppendData(authenticated);
        rtcpMac.GetHashAndReset(digest);
        digest[..TagLength].CopyTo(tag);
    }
}
