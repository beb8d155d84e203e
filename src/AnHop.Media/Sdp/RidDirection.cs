namespace AnHop.Media.Sdp;

/// <summary>rid-dir of RFC 8851 §10: whether the rid describes a stream the offerer sends or receives.</summary>
public enum RidDirection
{
    Unknown = 0,
    Send,
    Recv,
}
