using System.Globalization;

namespace AnHop.LoadGenerator;

/// <summary>
/// CPU time per thread group, from /proc/self/task/*/stat (utime + stime, clock ticks; stime also apart) and the thread names .NET gives
/// the kernel (15 characters). Linux only; elsewhere it reports nothing. Read once per second: a few hundred small files.
/// </summary>
internal static class ThreadCpuSampler
{
    private const double ClockTicksPerSecond = 100; // USER_HZ on Linux.

    private const string Tasks = "/proc/self/task";

    /// <summary>
    /// Seconds of CPU per group so far, of which in the kernel (system time), and the number of threads in each: of every thread, or only of
    /// <paramref name="taskDirectories"/> (reading a thousand threads each second would cost more than it shows).
    /// </summary>
    public static Dictionary<string, (double Seconds, double KernelSeconds, int Threads)> Sample(IEnumerable<string>? taskDirectories = null)
    {
        var groups = new Dictionary<string, (double Seconds, double KernelSeconds, int Threads)>(StringComparer.Ordinal);
        if (!Directory.Exists(Tasks))
        {
            return groups;
        }

        foreach (var task in taskDirectories ?? Directory.EnumerateDirectories(Tasks))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n');
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var kernelTicks = long.Parse(fields[12], CultureInfo.InvariantCulture);
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + kernelTicks;
                var group = GroupOf(name);
                var (seconds, kernelSeconds, threads) = groups.GetValueOrDefault(group);
                groups[group] = (seconds + (ticks / ClockTicksPerSecond), kernelSeconds + (kernelTicks / ClockTicksPerSecond), threads + 1);
            }
            catch (IOException)
            {
                // The thread ended while we read it.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return groups;
    }

    /// <summary>The /proc task directories of the threads in <paramref name="groups"/>, as they are now.</summary>
    public static List<string> TaskDirectoriesOf(params string[] groups)
    {
        var found = new List<string>();
        if (!Directory.Exists(Tasks))
        {
            return found;
        }

        foreach (var task in Directory.EnumerateDirectories(Tasks))
        {
            try
            {
                if (groups.Contains(GroupOf(File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n'))))
                {
                    found.Add(task);
                }
            }
            catch (IOException)
            {
                // The thread ended while we read it.
            }
        }

        return found;
    }

    /// <summary>Groups by the names the media code gives its threads.</summary>
    public static string GroupOf(string threadName) => threadName switch
    {
        _ when threadName.StartsWith("AnHop media UDP", StringComparison.Ordinal) => ThreadGroups.SfuUdp,
        _ when threadName.StartsWith("AnHop fan-out", StringComparison.Ordinal) => ThreadGroups.SfuUdp,
        _ when threadName.StartsWith("AnHop media ICE", StringComparison.Ordinal) => ThreadGroups.SfuTcp,
        _ when threadName.StartsWith("AnHop peer", StringComparison.Ordinal) => ThreadGroups.PeerReceive,
        _ when threadName.StartsWith(ThreadGroups.Sender, StringComparison.Ordinal) => ThreadGroups.Sender,
        _ when threadName.StartsWith(".NET Long Runni", StringComparison.Ordinal) => ThreadGroups.Dtls,
        _ when threadName.StartsWith(".NET TP Worker", StringComparison.Ordinal) => ThreadGroups.ThreadPool,
        _ when threadName.StartsWith(".NET Timer", StringComparison.Ordinal) => ThreadGroups.ThreadPool,
        _ => ThreadGroups.Other,
    };
}

internal static class ThreadGroups
{
    public const string SfuUdp = "SFU UDP receive+forward (and fan-out workers)";
    public const string SfuTcp = "SFU ICE-TCP threads";
    public const string PeerReceive = "peer receive (subscribers)";
    public const string Sender = "loadgen sender";
    public const string Dtls = "DTLS sessions (both sides)";
    public const string ThreadPool = "thread pool (ticks, timers)";
    public const string Other = "other (GC, JIT, main)";
}
