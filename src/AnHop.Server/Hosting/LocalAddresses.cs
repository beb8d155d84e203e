using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AnHop.Server.Hosting;

/// <summary>This machine's own unicast addresses, read from its interfaces (never asked of an outside service).</summary>
public static class LocalAddresses
{
    /// <summary>Addresses of interfaces that are up, link-local IPv6 left out.</summary>
    public static IEnumerable<IPAddress> All() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !a.IsIPv6LinkLocal)
            .Distinct();

    /// <summary>Non-loopback IPv4 addresses: what another machine on the LAN can reach.</summary>
    public static IEnumerable<IPAddress> LanIPv4() =>
        All().Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}
