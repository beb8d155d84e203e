using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// recvmmsg(2) on Linux: several datagrams per system call. MSG_WAITFORONE blocks until the first datagram and then
/// takes only what is already queued, so a quiet socket costs no more than recvfrom and a busy one much less.
/// </summary>
internal static unsafe partial class LinuxDatagramReceiver
{
    /// <summary>The message was longer than its buffer (msg_flags).</summary>
    public const int MsgTruncated = 0x20;

    private const int MsgWaitForOne = 0x10000;
    private const int Eintr = 4;
    private const int Eagain = 11;
    private const short PollIn = 0x1;

    /// <summary>recvmmsg(2) needs the 64-bit struct layout of <see cref="MultiMessageHeader"/>.</summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>
    /// Waits for at least one datagram and fills up to <paramref name="count"/> prepared headers (pinned by the
    /// caller). Returns how many were filled; 0 when the socket was shut down (closing it wakes the call); -1 on
    /// another error (an ICMP error queued on the socket, for one), with <paramref name="error"/> set; EINTR is retried.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The socket was closed before the call.</exception>
    public static int ReceiveMany(SafeSocketHandle handle, MultiMessageHeader* headers, int count, out int error)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = (int)handle.DangerousGetHandle();
            while (true)
            {
                var received = ReceiveMultipleMessages(fd, headers, (uint)count, MsgWaitForOne, null);
                if (received >= 0)
                {
                    error = 0;
                    return received;
                }

                error = Marshal.GetLastPInvokeError();
                if (error == Eintr)
                {
                    continue;
                }

                if (error != Eagain)
                {
                    return -1;
                }

                // A socket left in non-blocking mode: wait for it to become readable, then try again.
                var poll = new PollDescriptor { FileDescriptor = fd, Events = PollIn };
                if (Poll(&poll, 1, -1) < 0 && Marshal.GetLastPInvokeError() != Eintr)
                {
                    error = Marshal.GetLastPInvokeError();
                    return -1;
                }
            }
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "recvmmsg", SetLastError = true)]
    private static partial int ReceiveMultipleMessages(int socket, MultiMessageHeader* headers, uint count, int flags, void* timeout);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollDescriptor* descriptors, nuint count, int timeoutMillis);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollDescriptor
    {
        public int FileDescriptor;
        public short Events;
        public short ReturnedEvents;
    }
}
