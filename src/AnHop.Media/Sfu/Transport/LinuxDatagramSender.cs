using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// sendto(2) with MSG_DONTWAIT on Linux. <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>
/// emulates a blocking send on Unix and allocates when the kernel's send buffer is momentarily full; a router thread
/// must neither block nor allocate there, so a full buffer drops the datagram instead (counted as a send failure),
/// as a congested network link would.
/// </summary>
internal static unsafe partial class LinuxDatagramSender
{
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;
    private const int Eintr = 4;

    public static bool IsSupported { get; } = OperatingSystem.IsLinux();

    /// <summary>
    /// Sends one datagram to <paramref name="address"/> (a native sockaddr, as .NET keeps it on Unix). False when
    /// the socket is closed, the send buffer is full, or the kernel refuses the datagram.
    /// </summary>
    public static bool TrySendTo(SafeSocketHandle handle, ReadOnlySpan<byte> datagram, SocketAddress address)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            fixed (byte* data = datagram)
            fixed (byte* sockaddr = address.Buffer.Span)
            {
                nint sent;
                do
                {
                    sent = SendTo(fd, data, (nuint)datagram.Length, MsgDontWait | MsgNoSignal, sockaddr, (uint)address.Size);
                }
                while (sent < 0 && Marshal.GetLastPInvokeError() == Eintr);

                return sent == datagram.Length;
            }
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int socket, byte* buffer, nuint length, int flags, byte* address, uint addressLength);
}
