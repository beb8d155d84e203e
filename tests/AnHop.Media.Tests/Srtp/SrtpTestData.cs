using System.Buffers.Binary;
using AnHop.Media.Srtp;

namespace AnHop.Media.Tests.Srtp;

/// <summary>Packet builders and key material shared by the SRTP tests.</summary>
internal static class SrtpTestData
{
    public static readonly SrtpProfile[] Profiles = [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm];

    public static byte[] Hex(string text) => Convert.FromHexString(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));

    public static (byte[] Key, byte[] Salt) Keys(SrtpProfile profile, int seed)
    {
        var random = new Random(seed);
        var key = new byte[profile.MasterKeyLength()];
        var salt = new byte[profile.MasterSaltLength()];
        random.NextBytes(key);
        random.NextBytes(salt);
        return (key, salt);
    }

    public static SrtpContext Context(SrtpProfile profile, int seed = 1)
    {
        var (key, salt) = Keys(profile, seed);
        return new SrtpContext(profile, key, salt);
    }

    /// <summary>An RTP packet (RFC 3550 §5.1) in a buffer with 64 spare bytes for the SRTP trailer.</summary>
    public static byte[] MakeRtp(ushort sequenceNumber, uint ssrc, int payloadLength, int csrcCount = 0, int extensionWords = -1, byte fill = 0xAB)
    {
        var headerLength = 12 + (4 * csrcCount) + (extensionWords >= 0 ? 4 + (4 * extensionWords) : 0);
        var buffer = new byte[headerLength + payloadLength + 64];
        buffer[0] = (byte)(0x80 | (extensionWords >= 0 ? 0x10 : 0) | csrcCount);
        buffer[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), 0x12345678u + sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(8), ssrc);
        for (var i = 0; i < csrcCount; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(12 + (4 * i)), 0xC0000000u + (uint)i);
        }

        if (extensionWords >= 0)
        {
            var at = 12 + (4 * csrcCount);
            buffer[at] = 0xBE;
            buffer[at + 1] = 0xDE;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(at + 2), (ushort)extensionWords);
            buffer.AsSpan(at + 4, 4 * extensionWords).Fill(0x11);
        }

        buffer.AsSpan(headerLength, payloadLength).Fill(fill);
        return buffer;
    }

    /// <summary>A receiver report (RFC 3550 §6.4.2) of <paramref name="length"/> bytes plus 64 spare.</summary>
    public static byte[] MakeRtcp(uint ssrc, int length, byte fill = 0xCD)
    {
        var buffer = new byte[length + 64];
        buffer[0] = 0x80;
        buffer[1] = 201;
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)((length / 4) - 1));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), ssrc);
        buffer.AsSpan(8, length - 8).Fill(fill);
        return buffer;
    }
}
