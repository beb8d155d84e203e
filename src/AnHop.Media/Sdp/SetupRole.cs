namespace AnHop.Media.Sdp;

/// <summary>
/// <c>a=setup</c> values (RFC 4145 §4, used for DTLS by RFC 8842 §5): which side opens the DTLS handshake.
/// An offer says actpass; the answer picks active (DTLS client) or passive (DTLS server).
/// </summary>
public enum SetupRole
{
    Unknown = 0,
    Active,
    Passive,
    ActPass,
    HoldConn,
}

public static class SetupRoleText
{
    /// <summary>Returns <see cref="SetupRole.Unknown"/> for anything not in RFC 4145 §4.</summary>
    public static SetupRole Parse(string? value) => value switch
    {
        "active" => SetupRole.Active,
        "passive" => SetupRole.Passive,
        "actpass" => SetupRole.ActPass,
        "holdconn" => SetupRole.HoldConn,
        _ => SetupRole.Unknown,
    };

    public static string ToSdp(this SetupRole role) => role switch
    {
        SetupRole.Active => "active",
        SetupRole.Passive => "passive",
        SetupRole.ActPass => "actpass",
        SetupRole.HoldConn => "holdconn",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "no SDP text for this setup role"),
    };
}
