using System.Net;
using System.Net.Sockets;
using AnHop.Media.Stun;

namespace AnHop.Media.Tests.Stun;

public class StunAddressTests
{
    [Theory]
    [InlineData("192.0.2.1", 32853, StunAddressFamily.IPv4)]
    [InlineData("2001:db8:1234:5678:11:2233:4455:6677", 32853, StunAddressFamily.IPv6)]
    [InlineData("::1", 1, StunAddressFamily.IPv6)]
    public void Endpoint_and_socket_address_agree(string ip, int port, StunAddressFamily family)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(ip), port);
        var fromEndPoint = StunAddress.FromEndPoint(endPoint);
        Assert.True(StunAddress.TryFromSocketAddress(endPoint.Serialize(), out var fromSocket));
        Assert.Equal(fromEndPoint, fromSocket);
        Assert.Equal(fromEndPoint.GetHashCode(), fromSocket.GetHashCode());
        Assert.Equal(family, fromEndPoint.Family);
        Assert.Equal(endPoint, fromEndPoint.ToEndPoint());
        Assert.Equal(endPoint.ToString(), fromEndPoint.ToString());
    }

    [Fact]
    public void Ipv4_mapped_ipv6_from_a_dual_stack_socket_becomes_ipv4()
    {
        // XOR-MAPPED-ADDRESS must tell a v4 peer its v4 address, not ::ffff:a.b.c.d.
        var mapped = new IPEndPoint(IPAddress.Parse("::ffff:198.51.100.7"), 9);
        var address = StunAddress.FromEndPoint(mapped);
        Assert.Equal(StunAddressFamily.IPv4, address.Family);
        Assert.Equal(new byte[] { 198, 51, 100, 7 }, address.Address.ToArray());
        Assert.True(StunAddress.TryFromSocketAddress(mapped.Serialize(), out var fromSocket));
        Assert.Equal(address, fromSocket);
    }

    [Theory]
    [InlineData("192.0.2.1", AddressFamily.InterNetwork, "192.0.2.1")]
    [InlineData("192.0.2.1", AddressFamily.InterNetworkV6, "::ffff:192.0.2.1")]
    [InlineData("2001:db8::9", AddressFamily.InterNetworkV6, "2001:db8::9")]
    public void TryWriteTo_fills_a_socket_address_for_sending(string ip, AddressFamily socketFamily, string expected)
    {
        var address = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse(ip), 5004));
        var destination = new SocketAddress(socketFamily);
        destination.Buffer.Span[2..].Fill(0xAA); // Bytes 0-1 hold the family.
        Assert.True(address.TryWriteTo(destination));
        Assert.Equal(new IPEndPoint(IPAddress.Parse(expected), 5004).Serialize(), destination);
    }

    [Fact]
    public void TryWriteTo_refuses_what_does_not_fit()
    {
        var v6 = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.IPv6Loopback, 1));
        Assert.False(v6.TryWriteTo(new SocketAddress(AddressFamily.InterNetwork)));
        Assert.False(default(StunAddress).TryWriteTo(new SocketAddress(AddressFamily.InterNetworkV6)));
        Assert.False(v6.TryWriteTo(new SocketAddress(AddressFamily.Unix, 32)));
    }

    [Fact]
    public void Differs_by_port_family_and_bytes()
    {
        var a = new StunAddress([10, 0, 0, 1], 1);
        Assert.NotEqual(a, new StunAddress([10, 0, 0, 1], 2));
        Assert.NotEqual(a, new StunAddress([10, 0, 0, 2], 1));
        Assert.NotEqual(a, new StunAddress(new byte[16], 1));
        Assert.True(a != default);
        Assert.Equal("(none)", default(StunAddress).ToString());
        Assert.Equal(0, default(StunAddress).Address.Length);
    }

    [Fact]
    public void Other_lengths_and_families_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new StunAddress(new byte[5], 1));
        Assert.False(StunAddress.TryFromSocketAddress(new SocketAddress(AddressFamily.Unix, 16), out _));
    }
}
