using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace AnHop.Media.Srtp;

/// <summary>
/// AES counter mode as SRTP defines it (RFC 3711 §4.1.1): keystream block j is AES(k, IV + j), where j is
/// added to the low 16 bits of the IV. .NET has no CTR mode, so counter blocks are built in bulk and
/// encrypted with one reused ECB transform; the key schedule happens once, in the constructor.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    private const int BlockSize = 16;
    // 96 blocks cover a 1500-byte datagram in one ECB call.
    private const int BlocksPerChunk = 96;

    private readonly Aes aes;
    private readonly ICryptoTransform ecb;
    private readonly byte[] counters = new byte[BlockSize * BlocksPerChunk];
    private readonly byte[] keystream = new byte[BlockSize * BlocksPerChunk];

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        aes = Aes.Create();
        aes.Key = key.ToArray();
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        ecb = aes.CreateEncryptor();
    }

    /// <summary>XORs <paramref name="data"/> with the keystream that starts at the 16-byte <paramref name="iv"/>.</summary>
    public void Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        var counter = BinaryPrimitives.ReadUInt16BigEndian(iv[14..]);
        while (!data.IsEmpty)
        {
            var chunk = Math.Min(data.Length, counters.Length);
            var blocks = (chunk + BlockSize - 1) / BlockSize;
            for (var j = 0; j < blocks; j++)
            {
                var block = counters.AsSpan(j * BlockSize, BlockSize);
                iv[..14].CopyTo(block);
                BinaryPrimitives.WriteUInt16BigEndian(block[14..], counter++);
            }

            ecb.TransformBlock(counters, 0, blocks * BlockSize, keystream, 0);
            Xor(data[..chunk], keystream.AsSpan(0, chunk));
            data = data[chunk..];
        }
    }

    private static void Xor(Span<byte> data, ReadOnlySpan<byte> key)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= data.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (new Vector<byte>(data[i..]) ^ new Vector<byte>(key[i..])).CopyTo(data[i..]);
            }
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= key[i];
        }
    }

    public void Dispose()
    {
        ecb.Dispose();
        aes.Dispose();
    }
}
