using System.Globalization;
using System.Text;

namespace AnHop.LoadGenerator;

/// <summary>Formats the per-second lines and the final summary table.</summary>
internal static class LoadReport
{
    public const string SecondHeader =
        "    t  in-pkt/s  out-pkt/s  recv-pkt/s  loss%   cpu%(proc)  sfu-thread%  fwd-p50µs  fwd-p99µs  sock-drops  sock-queue-KB";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string SecondLine(LoadSample before, LoadSample after)
    {
        var seconds = after.ElapsedSeconds - before.ElapsedSeconds;
        var delays = after.Delays.Since(before.Delays);
        return string.Create(Invariant,
            $"{after.ElapsedSeconds,5:0.0}  {Rate(before.SfuPacketsIn, after.SfuPacketsIn, seconds),8:0}  {Rate(before.SfuPacketsOut, after.SfuPacketsOut, seconds),9:0}  " +
            $"{Rate(before.SubscriberPacketsReceived, after.SubscriberPacketsReceived, seconds),10:0}  {LossPercent(before, after),5:0.00}  " +
            $"{CpuPercent(before.ProcessCpuSeconds, after.ProcessCpuSeconds, seconds),10:0.0}  " +
            $"{CorePercent(before.GroupCpu(ThreadGroups.SfuUdp) + before.GroupCpu(ThreadGroups.SfuTcp), after.GroupCpu(ThreadGroups.SfuUdp) + after.GroupCpu(ThreadGroups.SfuTcp), seconds),11:0.0}  " +
            $"{delays.Percentile(0.5),9:0}  {delays.Percentile(0.99),9:0}  {after.SfuSocketDrops - before.SfuSocketDrops,10}  {after.SfuSocketQueuedBytes / 1024,13}");
    }

    /// <summary>
    /// The run's figures: rates over the measured seconds (<paramref name="first"/> to <paramref name="atEnd"/>), totals
    /// including what landed after sending stopped (<paramref name="drained"/>).
    /// </summary>
    public static string Summary(LoadOptions options, LoadSample first, LoadSample atEnd, LoadSample drained,
        int publishers, int subscribers, long publisherSendFailures, long unknownAtSubscribers)
    {
        var seconds = atEnd.ElapsedSeconds - first.ElapsedSeconds;
        var delays = drained.Delays.Since(first.Delays);
        var outRate = Rate(first.SfuPacketsOut, atEnd.SfuPacketsOut, seconds);
        var processCpu = CpuPercent(first.ProcessCpuSeconds, atEnd.ProcessCpuSeconds, seconds);
        var sfuCore = CorePercent(first.GroupCpu(ThreadGroups.SfuUdp) + first.GroupCpu(ThreadGroups.SfuTcp),
            atEnd.GroupCpu(ThreadGroups.SfuUdp) + atEnd.GroupCpu(ThreadGroups.SfuTcp), seconds);
        var text = new StringBuilder();
        text.AppendLine("== summary ==");
        Row(text, "scenario", string.Create(Invariant,
            $"{publishers} pub x {subscribers} sub ({options.Pattern}, {(options.Tcp ? "ICE-TCP" : "UDP")}), {seconds:0.0} s measured"));
        Row(text, "publisher packets sent/s", Rate(first.PublisherPacketsSent, atEnd.PublisherPacketsSent, seconds).ToString("0", Invariant));
        Row(text, "SFU in-packets/s", Rate(first.SfuPacketsIn, atEnd.SfuPacketsIn, seconds).ToString("0", Invariant));
        Row(text, "SFU out-packets/s", outRate.ToString("0", Invariant));
        Row(text, "subscriber packets received/s", Rate(first.SubscriberPacketsReceived, atEnd.SubscriberPacketsReceived, seconds).ToString("0", Invariant));
        Row(text, "loss at subscribers (seq gaps)", string.Create(Invariant,
            $"{LossPercent(first, drained):0.000} % ({Lost(first, drained)} of {drained.SubscriberPacketsExpected - first.SubscriberPacketsExpected})"));
        Row(text, "forwarding delay p50 / p99 / max", string.Create(Invariant,
            $"{delays.Percentile(0.5):0} / {delays.Percentile(0.99):0} / {delays.Percentile(1):0} µs over {delays.Count} copies"));
        Row(text, "process CPU", string.Create(Invariant, $"{processCpu:0.0} % of {Environment.ProcessorCount} cores (SFU + all peers)"));
        Row(text, "host CPU per core (every process)", HostCpuSampler.Describe(first.HostCores, atEnd.HostCores));
        var sfuKernel = CorePercent(first.GroupKernelCpu(ThreadGroups.SfuUdp) + first.GroupKernelCpu(ThreadGroups.SfuTcp),
            atEnd.GroupKernelCpu(ThreadGroups.SfuUdp) + atEnd.GroupKernelCpu(ThreadGroups.SfuTcp), seconds);
        Row(text, "SFU receive/forward thread(s)", string.Create(Invariant, $"{sfuCore:0.0} % of one core, {sfuKernel:0.0} % of it in the kernel"));
        Row(text, "SFU out-packets/s per SFU-core-second", sfuCore > 0 ? (outRate / (sfuCore / 100)).ToString("0", Invariant) : "n/a");
        var notRead = drained.PublisherPacketsSent - drained.ProducerPacketsIn;
        var socketDrops = drained.SfuSocketDrops - first.SfuSocketDrops;
        var readRate = Rate(first.ProducerPacketsIn, atEnd.ProducerPacketsIn, seconds);
        var queued = Math.Max(0, notRead - socketDrops);
        var behind = queued > 0 && readRate > 0
            ? string.Create(Invariant, $" = the SFU is ~{queued / readRate:0.0} s behind; loss shows only once it reads past a drop")
            : "";
        Row(text, "published packets the SFU did not read", string.Create(Invariant,
            $"{notRead}: ≤{socketDrops} dropped by the kernel, ≥{queued} still queued ({drained.SfuSocketQueuedBytes / 1024} KB){behind}"));
        Row(text, "SFU socket drops (rcvbuf full)", (drained.SfuSocketDrops - first.SfuSocketDrops).ToString(Invariant));
        Row(text, "UDP drops, all sockets of the process", (drained.ProcessSocketDrops - first.ProcessSocketDrops).ToString(Invariant));
        Row(text, "router drops / transport drops", string.Create(Invariant,
            $"{drained.RouterDrops - first.RouterDrops} / {drained.TransportDrops - first.TransportDrops}"));
        Row(text, "publisher send failures / unknown SSRCs", string.Create(Invariant, $"{publisherSendFailures} / {unknownAtSubscribers}"));
        var allocated = atEnd.AllocatedBytes - first.AllocatedBytes;
        var outPackets = atEnd.SfuPacketsOut - first.SfuPacketsOut;
        Row(text, "allocated, all threads but the reporter", string.Create(Invariant,
            $"{allocated / 1024.0 / 1024.0:0.0} MiB = {(outPackets > 0 ? (double)allocated / outPackets : 0):0.0} B per SFU out-packet (an upper bound for the SFU)"));
        Row(text, "GC collections gen0 / gen2", string.Create(Invariant,
            $"{atEnd.Gen0Collections - first.Gen0Collections} / {atEnd.Gen2Collections - first.Gen2Collections}"));
        Row(text, "working set", string.Create(Invariant, $"{drained.WorkingSetBytes / 1024 / 1024} MiB (SFU and every peer)"));
        text.AppendLine("CPU by thread group (% of one core, of which in the kernel, threads):");
        foreach (var group in drained.ThreadCpu.Keys.Order(StringComparer.Ordinal))
        {
            var (_, _, threads) = drained.ThreadCpu[group];
            Row(text, "  " + group, string.Create(Invariant,
                $"{CorePercent(first.GroupCpu(group), atEnd.GroupCpu(group), seconds),6:0.0} % {CorePercent(first.GroupKernelCpu(group), atEnd.GroupKernelCpu(group), seconds),6:0.0} %  {threads,4}"));
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, string value) =>
        text.Append(Invariant, $"  {name,-40} {value}").AppendLine();

    private static double Rate(long before, long after, double seconds) => seconds <= 0 ? 0 : (after - before) / seconds;

    private static double CpuPercent(double before, double after, double seconds) =>
        seconds <= 0 ? 0 : 100 * (after - before) / seconds / Environment.ProcessorCount;

    private static double CorePercent(double before, double after, double seconds) => seconds <= 0 ? 0 : 100 * (after - before) / seconds;

    private static long Lost(LoadSample before, LoadSample after) =>
        Math.Max(0, (after.SubscriberPacketsExpected - before.SubscriberPacketsExpected) - (after.SubscriberPacketsReceived - before.SubscriberPacketsReceived));

    private static double LossPercent(LoadSample before, LoadSample after)
    {
        var expected = after.SubscriberPacketsExpected - before.SubscriberPacketsExpected;
        return expected <= 0 ? 0 : 100.0 * Lost(before, after) / expected;
    }
}
