namespace AnHop.Media.Stun;

/// <summary>
/// The FINGERPRINT value (RFC 8489 §14.7): the CRC-32 of the message up to the attribute, XORed with
/// 0x5354554e. The CRC is the ISO/IEC 3309 / ITU-T V.42 one (reflected polynomial 0xEDB88320), as in zlib.
/// </summary>
public static class StunFingerprint
{
    public const uint XorValue = 0x5354554e;

    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> messagePrefix) => Crc32(messagePrefix) ^ XorValue;

    internal static uint Crc32(ReadOnlySpan<byte> data)
    {
        var table = Table;
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
