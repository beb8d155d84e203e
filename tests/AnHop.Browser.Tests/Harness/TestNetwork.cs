using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AnHop.Browser.Tests.Harness;

/// <summary>
/// Browser and media tests run only inside the namespace that scripts/test.sh creates: its one IPv4 address
/// is 127.0.0.1 on a veth, so Chromium's host candidates are 127.0.0.1 and no packet can leave.
/// </summary>
public static class TestNetwork
{
    public static void RequireIsolatedNamespace()
    {
        var ipv4 = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .ToList();
        var namespaceName = Environment.GetEnvironmentVariable("ANHOP_TEST_NETNS");
        if (string.IsNullOrEmpty(namespaceName) || ipv4.Any(a => !a.Equals(IPAddress.Loopback)))
        {
            throw new InvalidOperationException(
                "Browser tests must run inside the loopback-only test network namespace (scripts/test.sh creates it). "
                + $"ANHOP_TEST_NETNS='{namespaceName}', IPv4 addresses seen: {string.Join(", ", ipv4)}.");
        }
    }
}
