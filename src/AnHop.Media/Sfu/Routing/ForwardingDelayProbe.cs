using System.Diagnostics;

namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// Measures the SFU's forwarding delay from inside: the receive thread marks the moment a datagram left the socket
/// (<see cref="MarkReceived"/>), and each consumer copy records the time since then once its <c>SendRtp</c> returned.
/// Forwarding runs synchronously on the receiving thread, so a thread-static mark links the two without passing
/// anything along. Off by default (one static read per packet); the load generator turns it on. Zero allocation.
/// </summary>
public static class ForwardingDelayProbe
{
    [ThreadStatic]
    private static long t_receivedAt;

    [ThreadStatic]
    private static bool t_deferred;

    [ThreadStatic]
    private static int t_pending;

    private static ForwardingDelayHistogram? s_histogram;

    /// <summary>Where delays go while enabled; null when disabled.</summary>
    public static ForwardingDelayHistogram? Histogram => Volatile.Read(ref s_histogram);

    /// <summary>Starts recording into a fresh histogram, which it returns.</summary>
    public static ForwardingDelayHistogram Enable()
    {
        var histogram = new ForwardingDelayHistogram();
        Volatile.Write(ref s_histogram, histogram);
        return histogram;
    }

    public static void Disable() => Volatile.Write(ref s_histogram, null);

    /// <summary>Called by a receive thread as a datagram arrives.</summary>
    public static void MarkReceived()
    {
        if (Volatile.Read(ref s_histogram) is not null)
        {
            t_receivedAt = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>The receive mark of this thread; fan-out workers take over the receiving thread's mark.</summary>
    internal static long ReceivedAt
    {
        get => t_receivedAt;
        set => t_receivedAt = value;
    }

    /// <summary>
    /// True on a thread whose sends are only queued (a receive thread's sendmmsg batch): copies are then recorded by
    /// <see cref="RecordDeferred"/> when the batch leaves, so the delay still covers the send.
    /// </summary>
    internal static bool DeferToFlush
    {
        get => t_deferred;
        set
        {
            t_deferred = value;
            t_pending = 0;
        }
    }

    /// <summary>Called after a forwarded copy was sent, on the thread that received the original (or a fan-out worker carrying its mark).</summary>
    public static void RecordForwarded()
    {
        if (Volatile.Read(ref s_histogram) is { } histogram && t_receivedAt != 0)
        {
            if (t_deferred)
            {
                t_pending++;
                return;
            }

            histogram.RecordTicks(Stopwatch.GetTimestamp() - t_receivedAt);
        }
    }

    /// <summary>Records the copies queued since the last call, now that their batch was handed to the kernel.</summary>
    internal static void RecordDeferred()
    {
        var pending = t_pending;
        if (pending == 0)
        {
            return;
        }

        t_pending = 0;
        if (Volatile.Read(ref s_histogram) is { } histogram && t_receivedAt != 0)
        {
            histogram.RecordTicks(Stopwatch.GetTimestamp() - t_receivedAt, pending);
        }
    }
}
