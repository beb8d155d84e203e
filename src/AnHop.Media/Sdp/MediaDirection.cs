namespace AnHop.Media.Sdp;

/// <summary>The direction attributes of RFC 8866 §6.7, also used by extmap (RFC 8285 §5).</summary>
public enum MediaDirection
{
    Unknown = 0,
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

public static class MediaDirectionText
{
    /// <summary>Returns <see cref="MediaDirection.Unknown"/> for any other text.</summary>
    public static MediaDirection Parse(string? value) => value switch
    {
        SdpAttributeNames.SendRecv => MediaDirection.SendRecv,
        SdpAttributeNames.SendOnly => MediaDirection.SendOnly,
        SdpAttributeNames.RecvOnly => MediaDirection.RecvOnly,
        SdpAttributeNames.Inactive => MediaDirection.Inactive,
        _ => MediaDirection.Unknown,
    };

    public static string ToSdp(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendRecv => SdpAttributeNames.SendRecv,
        MediaDirection.SendOnly => SdpAttributeNames.SendOnly,
        MediaDirection.RecvOnly => SdpAttributeNames.RecvOnly,
        MediaDirection.Inactive => SdpAttributeNames.Inactive,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "no SDP text for this direction"),
    };

    /// <summary>The direction an answerer mirrors back (RFC 8829 §5.3.1: sendonly ↔ recvonly).</summary>
    public static MediaDirection Reverse(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => direction,
    };
}
