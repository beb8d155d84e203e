namespace AnHop.Media.Sdp;

/// <summary>sc-alt-list of RFC 8853 §5.1: one simulcast stream, given as ','-separated alternative rids.</summary>
public sealed record SimulcastStream(IReadOnlyList<SimulcastRid> Alternatives)
{
    public SimulcastStream(string id, bool paused = false)
        : this([new SimulcastRid(id, paused)])
    {
    }

    public bool Equals(SimulcastStream? other) => other is not null && SdpEquality.Lists(Alternatives, other.Alternatives);

    public override int GetHashCode() => SdpEquality.Hash(Alternatives);

    public override string ToString() => string.Join(',', Alternatives);
}
