using System.Net.Sockets;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// SO_REUSEPORT (Linux ≥ 3.9): several UDP sockets of one process bound to the same port, the kernel choosing one
/// per datagram by the hash of its 4-tuple. Only sockets of the same effective user can join the group.
/// </summary>
internal static class UdpReusePort
{
    private const int SolSocket = 1;
    private const int SoReusePort = 15;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>Sets SO_REUSEPORT; must be called before <see cref="Socket.Bind"/>, on every socket of the group.</summary>
    public static void Enable(Socket socket) => socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
}
