using System.Buffers.Binary;

namespace AnHop.Media.Stun;

/// <summary>
/// The MAPPED-ADDRESS value (RFC 8489 §14.1), kept for RFC 3489 clients; new code reads XOR-MAPPED-ADDRESS.
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |0 0 0 0 0 0 0 0|    Family     |           Port                |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |                                                               |
/// |                 Address (32 bits or 128 bits)                 |
/// |                                                               |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// </code>
/// </summary>
public static class MappedAddress
{
    public static bool TryParse(ReadOnlySpan<byte> value, out StunAddress address) => TryParse(value, out address, out _);

    public static bool TryParse(ReadOnlySpan<byte> value, out StunAddress address, out string? reason)
    {
        address = default;
        if (value.Length < 4)
        {
            reason = "address attribute shorter than 4 bytes";
            return false;
        }

        // The first byte is reserved and receivers must ignore it (RFC 8489 §14.1).
        var family = (StunAddressFamily)value[1];
        var expected = family switch
        {
            StunAddressFamily.IPv4 => 8,
            StunAddressFamily.IPv6 => 20,
            _ => 0,
        };
        if (expected == 0)
        {
            reason = "unknown address family";
            return false;
        }

        if (value.Length != expected)
        {
            reason = "address length does not match its family";
            return false;
        }

        address = new StunAddress(value[4..], BinaryPrimitives.ReadUInt16BigEndian(value[2..]));
        reason = null;
        return true;
    }

    /// <summary>The value length for an address: 8 for IPv4, 20 for IPv6.</summary>
    public static int GetLength(in StunAddress address) => 4 + address.AddressLength;

    /// <summary>Writes the value; false if the destination is too small or the address is empty.</summary>
    public static bool TryWrite(Span<byte> destination, in StunAddress address, out int bytesWritten)
    {
        bytesWritten = 0;
        var length = GetLength(address);
        if (address.Family == StunAddressFamily.Unknown || destination.Length < length)
        {
            return false;
        }

        destination[0] = 0;
        destination[1] = (byte)address.Family;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], address.Port);
        address.Address.CopyTo(destination[4..]);
        bytesWritten = length;
        return true;
    }
}
