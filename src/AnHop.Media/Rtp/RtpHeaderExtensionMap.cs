namespace AnHop.Media.Rtp;

/// <summary>
/// The extension ids negotiated for one transport by SDP a=extmap (RFC 8285 §5), in both directions:
/// id → kind for reading received packets and kind → id for writing. Built once per negotiation;
/// lookups are array reads and allocate nothing. Not thread-safe while being configured.
/// </summary>
public sealed class RtpHeaderExtensionMap
{
    /// <summary>Highest id: the two-byte form's 8-bit id (RFC 8285 §4.3, §5).</summary>
    public const int MaxId = 255;

    private readonly RtpHeaderExtensionKind[] _kindById = new RtpHeaderExtensionKind[MaxId + 1];
    private readonly byte[] _idByKind = new byte[(int)RtpHeaderExtensionKind.TransportWideSequenceNumber + 1];

    /// <summary>
    /// Records "a=extmap:<paramref name="id"/> <paramref name="uri"/>". False (and nothing recorded) when the
    /// id is outside 1–255 or the URI is not one the SFU understands, which it then simply ignores.
    /// </summary>
    public bool TryAdd(int id, ReadOnlySpan<char> uri) => TryAdd(id, RtpHeaderExtensionUris.KindOf(uri));

    /// <summary>
    /// Records one a=extmap attribute value (RFC 8285 §8): <c>&lt;id&gt;["/"&lt;direction&gt;] &lt;URI&gt; [&lt;attributes&gt;]</c>,
    /// e.g. "3/sendrecv urn:ietf:params:rtp-hdrext:sdes:mid". False when malformed or for a URI the SFU ignores.
    /// </summary>
    public bool TryAddExtmap(ReadOnlySpan<char> value)
    {
        var space = value.IndexOf(' ');
        if (space < 0)
        {
            return false;
        }

        var idPart = value[..space];
        var slash = idPart.IndexOf('/');
        if (slash >= 0)
        {
            idPart = idPart[..slash];
        }

        var uri = value[(space + 1)..].TrimStart(' ');
        var end = uri.IndexOf(' ');
        if (end >= 0)
        {
            uri = uri[..end];
        }

        return idPart.Length is >= 1 and <= 3 && int.TryParse(idPart, System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var id) && TryAdd(id, uri);
    }

    /// <summary>Maps <paramref name="id"/> to <paramref name="kind"/>, replacing any earlier mapping of either.</summary>
    public bool TryAdd(int id, RtpHeaderExtensionKind kind)
    {
        if (id is < 1 or > MaxId || kind == RtpHeaderExtensionKind.Unknown || (int)kind >= _idByKind.Length)
        {
            return false;
        }

        var previousKind = _kindById[id];
        if (previousKind != RtpHeaderExtensionKind.Unknown)
        {
            _idByKind[(int)previousKind] = 0;
        }

        var previousId = _idByKind[(int)kind];
        if (previousId != 0)
        {
            _kindById[previousId] = RtpHeaderExtensionKind.Unknown;
        }

        _kindById[id] = kind;
        _idByKind[(int)kind] = (byte)id;
        return true;
    }

    public RtpHeaderExtensionKind GetKind(byte id) => _kindById[id];

    /// <summary>The negotiated id, or 0 when the kind was not negotiated (0 is never an element id).</summary>
    public byte GetId(RtpHeaderExtensionKind kind) =>
        (uint)kind < (uint)_idByKind.Length ? _idByKind[(int)kind] : (byte)0;

    /// <summary>Finds the value of a negotiated extension in a packet's extension block.</summary>
    public bool TryFind(RtpHeaderExtensions extensions, RtpHeaderExtensionKind kind, out ReadOnlySpan<byte> value) =>
        extensions.TryFind(GetId(kind), out value);
}
