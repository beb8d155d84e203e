namespace AnHop.Media.Sdp;

/// <summary>
/// <c>t=&lt;start-time&gt; &lt;stop-time&gt;</c> (RFC 8866 §5.9) and the r= lines that follow it (§5.10),
/// kept as written. WebRTC always uses t=0 0.
/// </summary>
public sealed record SdpTiming(ulong Start, ulong Stop, IReadOnlyList<string> Repeats)
{
    public SdpTiming()
        : this(0, 0, [])
    {
    }

    public bool Equals(SdpTiming? other) =>
        other is not null && Start == other.Start && Stop == other.Stop && SdpEquality.Lists(Repeats, other.Repeats);

    public override int GetHashCode() => HashCode.Combine(Start, Stop, Repeats.Count);
}
