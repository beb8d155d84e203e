namespace AnHop.Media.Sdp;

/// <summary>
/// An SDP session description (RFC 8866 §5): the session-level lines and the media sections.
/// Attributes are kept in order with their values verbatim, so writing a parsed description gives back
/// the same lines. Parse with <see cref="TryParse(string, out SessionDescription?, out string?)"/>, write with
/// <see cref="Write"/>.
/// </summary>
public sealed partial class SessionDescription : IEquatable<SessionDescription>
{
    public SessionDescription(SdpOrigin origin, string sessionName = "-")
    {
        Origin = origin;
        SessionName = sessionName;
    }

    /// <summary>v= is always 0 (RFC 8866 §5.1).</summary>
    public int Version => 0;

    public SdpOrigin Origin { get; set; }

    /// <summary>s=; JSEP writes "-" (RFC 8829 §5.2.1).</summary>
    public string SessionName { get; set; }

    public string? Information { get; set; }

    public string? Uri { get; set; }

    public List<string> Emails { get; } = [];

    public List<string> Phones { get; } = [];

    public SdpConnection? Connection { get; set; }

    public List<SdpBandwidth> Bandwidths { get; } = [];

    /// <summary>The t= lines (with their r= lines); at least one is required, and JSEP writes t=0 0.</summary>
    public List<SdpTiming> Timings { get; } = [];

    /// <summary>z=, as written.</summary>
    public string? TimeZones { get; set; }

    /// <summary>k= (obsolete, RFC 8866 §5.12), as written.</summary>
    public string? EncryptionKey { get; set; }

    public SdpAttributeList Attributes { get; } = [];

    public List<MediaDescription> Media { get; } = [];

    /// <summary>The media section with this a=mid, or null.</summary>
    public MediaDescription? FindMedia(string mid) => Media.FirstOrDefault(media => media.Attributes.Mid == mid);

    public bool Equals(SessionDescription? other) =>
        other is not null && Origin == other.Origin && SessionName == other.SessionName &&
        Information == other.Information && Uri == other.Uri && Emails.SequenceEqual(other.Emails) &&
        Phones.SequenceEqual(other.Phones) && Connection == other.Connection && Bandwidths.SequenceEqual(other.Bandwidths) &&
        Timings.SequenceEqual(other.Timings) && TimeZones == other.TimeZones && EncryptionKey == other.EncryptionKey &&
        Attributes.Equals(other.Attributes) && Media.SequenceEqual(other.Media);

    public override bool Equals(object? obj) => Equals(obj as SessionDescription);

    public override int GetHashCode() => HashCode.Combine(Origin, SessionName, Attributes.Count, Media.Count);

    public override string ToString() => Write();
}
