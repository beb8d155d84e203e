namespace AnHop.Media.Sfu.Transport;

/// <summary>
/// Packet and byte counters of one transport, or the totals of a server. Updated with <see cref="Interlocked"/>
/// by the receive thread and senders; read at any time (each value is exact, a set of values is not a snapshot).
/// </summary>
public sealed class TransportCounters
{
    private static readonly int ReasonCount = Enum.GetValues<TransportDropReason>().Length;

    private readonly long[] _drops = new long[ReasonCount];
    private long _packetsIn;
    private long _bytesIn;
    private long _packetsOut;
    private long _bytesOut;

    /// <summary>Packets received and accepted (STUN checks answered, DTLS records queued, media unprotected).</summary>
    public long PacketsIn => Interlocked.Read(ref _packetsIn);

    /// <summary>Wire bytes of <see cref="PacketsIn"/>.</summary>
    public long BytesIn => Interlocked.Read(ref _bytesIn);

    /// <summary>Packets handed to the socket (STUN answers, DTLS, SRTP, SRTCP).</summary>
    public long PacketsOut => Interlocked.Read(ref _packetsOut);

    /// <summary>Wire bytes of <see cref="PacketsOut"/>.</summary>
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>All drops, whatever the reason.</summary>
    public long TotalDrops
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _drops.Length; i++)
            {
                total += Interlocked.Read(ref _drops[i]);
            }

            return total;
        }
    }

    public long Drops(TransportDropReason reason) => Interlocked.Read(ref _drops[(int)reason]);

    internal void CountIn(int bytes)
    {
        Interlocked.Increment(ref _packetsIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    internal void CountOut(int bytes)
    {
        Interlocked.Increment(ref _packetsOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    internal void CountDrop(TransportDropReason reason) => Interlocked.Increment(ref _drops[(int)reason]);

    /// <summary>Adds another set of counters into this one (a closed transport into the server's retired totals).</summary>
    internal void Add(TransportCounters other)
    {
        Interlocked.Add(ref _packetsIn, other.PacketsIn);
        Interlocked.Add(ref _bytesIn, other.BytesIn);
        Interlocked.Add(ref _packetsOut, other.PacketsOut);
        Interlocked.Add(ref _bytesOut, other.BytesOut);
        for (var i = 0; i < _drops.Length; i++)
        {
            Interlocked.Add(ref _drops[i], other.Drops((TransportDropReason)i));
        }
    }

    public override string ToString() =>
        $"in {PacketsIn} pkt / {BytesIn} B, out {PacketsOut} pkt / {BytesOut} B, drops {TotalDrops}";
}
