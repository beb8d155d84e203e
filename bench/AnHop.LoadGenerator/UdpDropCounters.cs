using System.Globalization;

namespace AnHop.LoadGenerator;

/// <summary>
/// Datagrams the kernel dropped because a socket's receive buffer was full, from the "drops" column of /proc/net/udp:
/// for the SFU's socket, and for all of this process's sockets. Linux only; 0 elsewhere.
/// </summary>
internal static class UdpDropCounters
{
    /// <summary>The SFU socket's drops and the bytes waiting in its receive queue (the backlog its thread has not read).</summary>
    public static (long Drops, long QueuedBytes) Socket(int localPort)
    {
        try
        {
            var port = localPort.ToString("X4", CultureInfo.InvariantCulture);
            foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 12 && fields[1].EndsWith(":" + port, StringComparison.Ordinal))
                {
                    var queued = long.Parse(fields[4].AsSpan(fields[4].IndexOf(':') + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    return (long.Parse(fields[^1], CultureInfo.InvariantCulture), queued);
                }
            }
        }
        catch (IOException)
        {
            // Not Linux, or no procfs.
        }

        return (0, 0);
    }

    /// <summary>Drops on every UDP socket this process holds (the SFU's and all the peers'), matched by socket inode.</summary>
    public static long ProcessSocketDrops()
    {
        try
        {
            var inodes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target[8..^1]);
                }
            }

            long drops = 0;
            foreach (var line in File.ReadLines("/proc/net/udp").Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 12 && inodes.Contains(fields[9]))
                {
                    drops += long.Parse(fields[^1], CultureInfo.InvariantCulture);
                }
            }

            return drops;
        }
        catch (IOException)
        {
            // Not Linux, or no procfs.
        }
        catch (UnauthorizedAccessException)
        {
            // No procfs access.
        }

        return 0;
    }
}
