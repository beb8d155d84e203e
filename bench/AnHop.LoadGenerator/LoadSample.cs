using AnHop.Media.Sfu.Routing;

namespace AnHop.LoadGenerator;

/// <summary>Cumulative counters at one moment of a run; rates are differences of two samples.</summary>
internal sealed record LoadSample(
    double ElapsedSeconds,
    long SfuPacketsIn,
    long SfuPacketsOut,
    long PublisherPacketsSent,
    long SubscriberPacketsReceived,
    long SubscriberPacketsExpected,
    double ProcessCpuSeconds,
    Dictionary<string, (double Seconds, double KernelSeconds, int Threads)> ThreadCpu,
    ForwardingDelayHistogram Delays,
    long SfuSocketDrops,
    long SfuSocketQueuedBytes,
    long ProducerPacketsIn,
    long ProcessSocketDrops,
    long RouterDrops,
    long TransportDrops,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen2Collections,
    long WorkingSetBytes,
    (long Busy, long Total)[] HostCores)
{
    public double GroupCpu(string group) => ThreadCpu.TryGetValue(group, out var value) ? value.Seconds : 0;

    /// <summary>The part of <see cref="GroupCpu"/> spent in the kernel (system calls, and on loopback the receivers' network stack).</summary>
    public double GroupKernelCpu(string group) => ThreadCpu.TryGetValue(group, out var value) ? value.KernelSeconds : 0;
}
