using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace AnHop.Media.Stun;

/// <summary>
/// An IP address and port held inline (no <see cref="IPAddress"/> object), so the per-packet path can
/// carry a remote endpoint and compare it without allocating. IPv4-mapped IPv6 addresses from a
/// dual-stack socket are stored as IPv4, which is what XOR-MAPPED-ADDRESS must report.
/// </summary>
public readonly struct StunAddress : IEquatable<StunAddress>
{
    private readonly AddressBytes _bytes;

    public StunAddress(ReadOnlySpan<byte> address, ushort port)
    {
        if (address.Length == 16 && IsIPv4Mapped(address))
        {
            address = address[12..];
        }

        Family = address.Length switch
        {
            4 => StunAddressFamily.IPv4,
            16 => StunAddressFamily.IPv6,
            _ => throw new ArgumentException("an IP address is 4 or 16 bytes", nameof(address)),
        };
        Port = port;
        address.CopyTo(_bytes);
    }

    public StunAddressFamily Family { get; }

    public ushort Port { get; }

    /// <summary>4 bytes for IPv4, 16 for IPv6, none for a default value.</summary>
    public int AddressLength => Family switch
    {
        StunAddressFamily.IPv4 => 4,
        StunAddressFamily.IPv6 => 16,
        _ => 0,
    };

    /// <summary>The address in network byte order.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Address => ((ReadOnlySpan<byte>)_bytes)[..AddressLength];

    /// <summary>Reads an endpoint without allocating (<see cref="IPAddress.TryWriteBytes"/>).</summary>
    public static StunAddress FromEndPoint(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        Span<byte> ip = stackalloc byte[16];
        endPoint.Address.TryWriteBytes(ip, out var written);
        return new StunAddress(ip[..written], (ushort)endPoint.Port);
    }

    /// <summary>
    /// Reads the sockaddr_in / sockaddr_in6 that <c>Socket.ReceiveFrom(…, SocketAddress)</c> filled:
    /// port at bytes 2–3, IPv4 at 4–7, IPv6 at 8–23. False for other families.
    /// </summary>
    public static bool TryFromSocketAddress(SocketAddress socketAddress, out StunAddress address)
    {
        ArgumentNullException.ThrowIfNull(socketAddress);
        var raw = socketAddress.Buffer.Span[..socketAddress.Size];
        address = default;
        switch (socketAddress.Family)
        {
            case AddressFamily.InterNetwork when raw.Length >= 8:
                address = new StunAddress(raw.Slice(4, 4), (ushort)(raw[2] << 8 | raw[3]));
                return true;
            case AddressFamily.InterNetworkV6 when raw.Length >= 24:
                address = new StunAddress(raw.Slice(8, 16), (ushort)(raw[2] << 8 | raw[3]));
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Fills a reusable <see cref="SocketAddress"/> for <c>Socket.SendTo</c> without allocating. An IPv4 address
    /// going to an IPv6 (dual-stack) socket address is written IPv4-mapped. False for an empty address, an IPv6
    /// address into an IPv4 socket address, or another family.
    /// </summary>
    public bool TryWriteTo(SocketAddress destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var raw = destination.Buffer.Span;
        switch (destination.Family)
        {
            case AddressFamily.InterNetwork when Family == StunAddressFamily.IPv4 && raw.Length >= 16:
                raw[2] = (byte)(Port >> 8);
                raw[3] = (byte)Port;
                Address.CopyTo(raw[4..]);
                raw[8..16].Clear();
                destination.Size = 16;
                return true;
            case AddressFamily.InterNetworkV6 when Family != StunAddressFamily.Unknown && raw.Length >= 28:
                raw[2] = (byte)(Port >> 8);
                raw[3] = (byte)Port;
                raw[4..28].Clear(); // Flow info, address and scope id.
                if (Family == StunAddressFamily.IPv4)
                {
                    raw[18] = 0xFF;
                    raw[19] = 0xFF;
                    Address.CopyTo(raw[20..]);
                }
                else
                {
                    Address.CopyTo(raw[8..]);
                }

                destination.Size = 28;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Allocates an <see cref="IPEndPoint"/>; for logs and control-plane code, not per packet.</summary>
    public IPEndPoint ToEndPoint() => new(new IPAddress(Address), Port);

    public bool Equals(StunAddress other) =>
        Family == other.Family && Port == other.Port && Address.SequenceEqual(other.Address);

    public override bool Equals(object? obj) => obj is StunAddress other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Family);
        hash.Add(Port);
        hash.AddBytes(Address);
        return hash.ToHashCode();
    }

    public override string ToString() => Family == StunAddressFamily.Unknown ? "(none)" : ToEndPoint().ToString();

    public static bool operator ==(StunAddress left, StunAddress right) => left.Equals(right);

    public static bool operator !=(StunAddress left, StunAddress right) => !left.Equals(right);

    private static bool IsIPv4Mapped(ReadOnlySpan<byte> address) =>
        address[..10].IndexOfAnyExcept((byte)0) < 0 && address[10] == 0xFF && address[11] == 0xFF;

    [InlineArray(16)]
    private struct AddressBytes
    {
        private byte _element;
    }
}
