using System.Globalization;

namespace AnHop.LoadGenerator;

/// <summary>
/// Busy and total time of each CPU of the host (every process, not only this one), from /proc/stat: how loaded the
/// machine was around the run. Linux only; empty elsewhere.
/// </summary>
internal static class HostCpuSampler
{
    public static (long Busy, long Total)[] Sample()
    {
        try
        {
            var cores = new List<(long, long)>();
            foreach (var line in File.ReadLines("/proc/stat"))
            {
                if (!line.StartsWith("cpu", StringComparison.Ordinal) || line.Length < 4 || !char.IsAsciiDigit(line[3]))
                {
                    continue;
                }

                // cpuN user nice system idle iowait irq softirq steal ...
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                long total = 0;
                for (var i = 1; i < Math.Min(fields.Length, 9); i++)
                {
                    total += long.Parse(fields[i], CultureInfo.InvariantCulture);
                }

                var idle = long.Parse(fields[4], CultureInfo.InvariantCulture) + long.Parse(fields[5], CultureInfo.InvariantCulture);
                cores.Add((total - idle, total));
            }

            return [.. cores];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>"cpu0 93 %, cpu1 88 %": each core's busy share between two samples.</summary>
    public static string Describe((long Busy, long Total)[] before, (long Busy, long Total)[] after)
    {
        var parts = new List<string>();
        for (var i = 0; i < Math.Min(before.Length, after.Length); i++)
        {
            var total = after[i].Total - before[i].Total;
            var busy = after[i].Busy - before[i].Busy;
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"cpu{i} {(total > 0 ? 100.0 * busy / total : 0):0} %"));
        }

        return parts.Count == 0 ? "n/a" : string.Join(", ", parts);
    }
}
