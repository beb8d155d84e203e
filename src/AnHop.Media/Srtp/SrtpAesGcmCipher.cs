using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AnHop.Media.Srtp;

/// <summary>
/// AEAD_AES_128_GCM (RFC 7714): the RTP header is associated data, the payload is encrypted in place and a
/// 16-byte tag follows it. One <see cref="AesGcm"/> per session key holds the key schedule.
/// </summary>
internal sealed class SrtpAesGcmCipher : SrtpCipher
{
    public const int KeyLength = 16;
    public const int SaltLength = 12;
    public const int TagLength = 16;

    private const int IndexWordLength = 4;
    private const int NonceLength = 12;

    private readonly AesGcm rtpAead;
    private readonly AesGcm rtcpAead;
    private readonly byte[] rtpSalt;
    private readonly byte[] rtcpSalt;
    private byte[] scratch = [];

    public SrtpAesGcmCipher(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        Span<byte> key = stackalloc byte[KeyLength];
        rtpSalt = new byte[SaltLength];
        rtcpSalt = new byte[SaltLength];
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpEncryptionLabel, key);
        rtpAead = new AesGcm(key, TagLength);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtpSaltLabel, rtpSalt);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpEncryptionLabel, key);
        rtcpAead = new AesGcm(key, TagLength);
        SrtpKeyDerivation.Derive(masterKey, masterSalt, SrtpKeyDerivation.RtcpSaltLabel, rtcpSalt);
        CryptographicOperations.ZeroMemory(key);
    }

    /// <summary>Builds the cipher from session keys directly, as the RFC 7714 §16–17 vectors give them.</summary>
    internal SrtpAesGcmCipher(ReadOnlySpan<byte> rtpKey, ReadOnlySpan<byte> rtpSessionSalt, ReadOnlySpan<byte> rtcpKey, ReadOnlySpan<byte> rtcpSessionSalt)
    {
        rtpAead = new AesGcm(rtpKey, TagLength);
        rtcpAead = new AesGcm(rtcpKey, TagLength);
        rtpSalt = rtpSessionSalt.ToArray();
        rtcpSalt = rtcpSessionSalt.ToArray();
    }

    public override int RtpTrailerLength => TagLength;

    public override int RtcpTrailerLength => TagLength + IndexWordLength;

    // RFC 7714 §9.1: the tag comes first, then E‖SRTCP index.
    public override int RtcpIndexOffsetFromEnd => IndexWordLength;

    public override int EncryptRtp(Span<byte> packet, int headerLength, int length, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtpNonce(ssrc, index, nonce);
        var payload = packet[headerLength..length];
        rtpAead.Encrypt(nonce, payload, payload, packet.Slice(length, TagLength), packet[..headerLength]);
        return length + TagLength;
    }

    public override bool DecryptRtp(Span<byte> packet, int headerLength, uint ssrc, ulong index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtpNonce(ssrc, index, nonce);
        var end = packet.Length - TagLength;
        var payload = packet[headerLength..end];
        return Open(rtpAead, nonce, payload, packet[end..], packet[..headerLength]);
    }

    public override int EncryptRtcp(Span<byte> packet, int length, uint ssrc, uint index)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtcpNonce(ssrc, index, nonce);

        // RFC 7714 §9.2: AAD = the 8-byte header ‖ E‖SRTCP index.
        Span<byte> aad = stackalloc byte[SrtcpHeader.Length + IndexWordLength];
        packet[..SrtcpHeader.Length].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[SrtcpHeader.Length..], 0x8000_0000u | index);

        var body = packet[SrtcpHeader.Length..length];
        rtcpAead.Encrypt(nonce, body, body, packet.Slice(length, TagLength), aad);
        aad[SrtcpHeader.Length..].CopyTo(packet[(length + TagLength)..]);
        return length + TagLength + IndexWordLength;
    }

    public override bool DecryptRtcp(Span<byte> packet, uint ssrc, uint index, bool encrypted)
    {
        Span<byte> nonce = stackalloc byte[NonceLength];
        RtcpNonce(ssrc, index, nonce);
        var tagAt = packet.Length - TagLength - IndexWordLength;
        Span<byte> tag = stackalloc byte[TagLength];
        packet.Slice(tagAt, TagLength).CopyTo(tag);

        if (encrypted)
        {
            Span<byte> aad = stackalloc byte[SrtcpHeader.Length + IndexWordLength];
            packet[..SrtcpHeader.Length].CopyTo(aad);
            packet[^IndexWordLength..].CopyTo(aad[SrtcpHeader.Length..]);
            return Open(rtcpAead, nonce, packet[SrtcpHeader.Length..tagAt], tag, aad);
        }

        // RFC 7714 §9.3: without encryption the whole packet ‖ E‖index is AAD. Moving the index word over
        // the tag makes that one contiguous span; the plain packet before it is left as it was.
        packet[^IndexWordLength..].CopyTo(packet[tagAt..]);
        return Open(rtcpAead, nonce, Span<byte>.Empty, tag, packet[..(tagAt + IndexWordLength)]);
    }

    public override void Dispose()
    {
        rtpAead.Dispose();
        rtcpAead.Dispose();
    }

    // AesGcm reports a bad tag only by throwing, and a throw costs several times a decryption: a flood of
    // forged packets would make exceptions the hot path. GCM encryption is CTR, its own inverse, so encrypting
    // the ciphertext in place yields the plaintext, and encrypting that plaintext (into scratch) reproduces the
    // ciphertext together with the tag the sender computed. Two passes, no exception either way.
    private bool Open(AesGcm aead, ReadOnlySpan<byte> nonce, Span<byte> ciphertext, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> aad)
    {
        Span<byte> expected = stackalloc byte[TagLength];
        if (ciphertext.IsEmpty)
        {
            aead.Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, expected, aad);
            return CryptographicOperations.FixedTimeEquals(expected, tag);
        }

        if (scratch.Length < ciphertext.Length)
        {
            // Made on the first decryption and grown only by a packet longer than any before (UDP bounds it).
            scratch = new byte[Math.Max(ciphertext.Length, Math.Max(1536, 2 * scratch.Length))];
        }

        aead.Encrypt(nonce, ciphertext, ciphertext, expected, aad);
        aead.Encrypt(nonce, ciphertext, scratch.AsSpan(0, ciphertext.Length), expected, aad);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    // RFC 7714 §8.1: IV = (00 00 ‖ SSRC ‖ ROC ‖ SEQ) XOR salt.
    private void RtpNonce(uint ssrc, ulong index, Span<byte> nonce)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[6..], SrtpIndex.RolloverCounter(index));
        BinaryPrimitives.WriteUInt16BigEndian(nonce[10..], (ushort)index);
        Xor(nonce, rtpSalt);
    }

    // RFC 7714 §9.1: IV = (00 00 ‖ SSRC ‖ 00 00 ‖ 0 ‖ SRTCP index) XOR salt.
    private void RtcpNonce(uint ssrc, uint index, Span<byte> nonce)
    {
        nonce.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(nonce[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(nonce[8..], index);
        Xor(nonce, rtcpSalt);
    }

    private static void Xor(Span<byte> nonce, ReadOnlySpan<byte> salt)
    {
        for (var i = 0; i < NonceLength; i++)
        {
            nonce[i] ^= salt[i];
        }
    }
}
