using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// sendto(2) and sendmmsg(2) with MSG_DONTWAIT on Linux. <see cref="Socket.SendTo(ReadOnlySpan{byte}, SocketFlags, SocketAddress)"/>
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

    /// <summary>sendmmsg(2) needs the 64-bit struct layout of <see cref="MultiMessageHeader"/>.</summary>
    public static bool IsBatchSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

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

    /// <summary>
    /// One sendmmsg(2) call over <paramref name="count"/> prepared headers (pinned by the caller). Returns how many
    /// datagrams the kernel took from the start of the array, or -1 when the first one failed (full send buffer,
    /// refused, or the socket closed); EINTR is retried.
    /// </summary>
    public static int SendMany(SafeSocketHandle handle, MultiMessageHeader* headers, int count)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            int sent;
            do
            {
                sent = SendMultipleMessages(fd, headers, (uint)count, MsgDontWait | MsgNoSignal);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == Eintr);

            return sent;
        }
        catch (ObjectDisposedException)
        {
            return -1;
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

    [LibraryImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static partial int SendMultipleMessages(int socket, MultiMessageHeader* headers, uint count, int flags);
}

/// <summary>struct iovec (64-bit Linux).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct IoVector
{
    public byte* Base;
    public nuint Length;
}

/// <summary>
/// struct mmsghdr (64-bit Linux): a struct msghdr (56 bytes with its tail padding) and the byte count the kernel
/// writes back (sent by sendmmsg, received by recvmmsg), 64 bytes in all.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 64)]
internal unsafe struct MultiMessageHeader
{
    [FieldOffset(0)]
    public byte* Name;

    [FieldOffset(8)]
    public uint NameLength;

    [FieldOffset(16)]
    public IoVector* IoVectors;

    [FieldOffset(24)]
    public nuint IoVectorCount;

    [FieldOffset(32)]
    public void* Control;

    [FieldOffset(40)]
    public nuint ControlLength;

    [FieldOffset(48)]
    public int Flags;

    [FieldOffset(56)]
    public uint TransferredLength;
}
