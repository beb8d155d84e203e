namespace AnHop.Media.Sdp;

/// <summary>cand-type of RFC 8839 §5.1 (RFC 8445 §5.1.1).</summary>
public enum IceCandidateType
{
    Unknown = 0,
    Host,
    ServerReflexive,
    PeerReflexive,
    Relayed,
}
