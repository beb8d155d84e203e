namespace AnHop.Media.Sdp;

/// <summary>sc-id of RFC 8853 §5.1: a rid, optionally paused ("~" prefix).</summary>
public sealed record SimulcastRid(string Id, bool Paused = false)
{
    public override string ToString() => Paused ? "~" + Id : Id;
}
