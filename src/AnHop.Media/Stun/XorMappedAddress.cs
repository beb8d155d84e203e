using System.Buffers.Binary;

namespace AnHop.Media.Stun;

/// <summary>
/// The XOR-MAPPED-ADDRESS value (RFC 8489 §14.2): MAPPED-ADDRESS with the port XORed with the top half
/// of the magic cookie and the address XORed with the cookie (IPv4) or the cookie plus transaction ID (IPv6).
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0 0 0 0 0 0 0|    Family     |         X-Port                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                X-Address (Variable)
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public static class XorMappedAddress
{
    public static bool TryParse(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out StunAddress address) =>
        TryParse(value, transactionId, out address, out _);

    public static bool TryParse(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out StunAddress address,
        out string? reason)
    {
        if (transactionId.Length != StunMessage.TransactionIdLength)
        {
            address = default;
            reason = "transaction ID is not 12 bytes";
            return false;
        }

        if (!MappedAddress.TryParse(value, out var xored, out reason))
        {
            address = default;
            return false;
        }

        Span<byte> ip = stackalloc byte[16];
        Xor(xored.Address, transactionId, ip);
        address = new StunAddress(ip[..xored.AddressLength], (ushort)(xored.Port ^ (StunMessage.MagicCookie >> 16)));
        return true;
    }

    public static int GetLength(in StunAddress address) => MappedAddress.GetLength(address);

    public static bool TryWrite(Span<byte> destination, in StunAddress address, ReadOnlySpan<byte> transactionId,
        out int bytesWritten)
    {
        if (transactionId.Length != StunMessage.TransactionIdLength
            || !MappedAddress.TryWrite(destination, address, out bytesWritten))
        {
            bytesWritten = 0;
            return false;
        }

        var port = BinaryPrimitives.ReadUInt16BigEndian(destination[2..]);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(port ^ (StunMessage.MagicCookie >> 16)));
        Xor(address.Address, transactionId, destination.Slice(4, address.AddressLength));
        return true;
    }

    // The XOR pad is the magic cookie followed by the transaction ID, i.e. bytes 4..19 of the header.
    private static void Xor(ReadOnlySpan<byte> source, ReadOnlySpan<byte> transactionId, Span<byte> destination)
    {
        Span<byte> pad = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(pad, StunMessage.MagicCookie);
        transactionId.CopyTo(pad[4..]);
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = (byte)(source[i] ^ pad[i]);
        }
    }
}
