using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

public sealed partial class SessionDescription
{
    /// <summary>Longer input is refused before any parsing: SDP from a browser is a few KiB.</summary>
    public const int MaxLength = 64 * 1024;

    // Ranks give the order RFC 8866 §5 requires ("when present, they must occur in the exact order given here").
    //   Session description
    //      v=  (protocol version)
    //      o=  (originator and session identifier)
    //      s=  (session name)
    //      i=* (session information)
    //      u=* (URI of description)
    //      e=* (email address)
    //      p=* (phone number)
    //      c=* (connection information -- not required if included in all media descriptions)
    //      b=* (zero or more bandwidth information lines)
    //      One or more time descriptions:
    //        ("t=", "r=" and "z=" lines; see below)
    //      k=* (obsolete)
    //      a=* (zero or more session attribute lines)
    //      Zero or more media descriptions
    //
    //   Time description
    //      t=  (time the session is active)
    //      r=* (zero or more repeat times)
    //      z=* (optional time zone offset line)
    //
    //   Media description, if present
    //      m=  (media name and transport address)
    //      i=* (media title)
    //      c=* (connection information -- optional if included at session level)
    //      b=* (zero or more bandwidth information lines)
    //      k=* (obsolete)
    //      a=* (zero or more media attribute lines)
    private static int SessionRank(char type) => type switch
    {
        'v' => 0, 'o' => 1, 's' => 2, 'i' => 3, 'u' => 4, 'e' => 5, 'p' => 6, 'c' => 7, 'b' => 8,
        't' or 'r' => 9, 'z' => 10, 'k' => 11, 'a' => 12,
        _ => -1,
    };

    private static int MediaRank(char type) => type switch
    {
        'i' => 1, 'c' => 2, 'b' => 3, 'k' => 4, 'a' => 5,
        _ => -1,
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out SessionDescription? sdp) =>
        TryParse(text.AsSpan(), out sdp, out _);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SessionDescription? sdp, out string? reason) =>
        TryParse(text.AsSpan(), out sdp, out reason);

    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SessionDescription? sdp) =>
        TryParse(utf8, out sdp, out _);

    /// <summary>
    /// Parses a UTF-8 session description (RFC 8866 §5: "SDP field and attribute names use only the US-ASCII
    /// subset of UTF-8"). Invalid UTF-8 becomes U+FFFD and stays inside the text fields it was in.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out SessionDescription? sdp, out string? reason)
    {
        if (utf8.Length > MaxLength)
        {
            sdp = null;
            reason = SdpParseReason.TooLarge;
            return false;
        }

        return TryParse(System.Text.Encoding.UTF8.GetString(utf8).AsSpan(), out sdp, out reason);
    }

    /// <summary>
    /// Parses an RFC 8866 session description with CRLF or LF line ends. Never throws; on failure
    /// <paramref name="reason"/> says which line and why, e.g. "line 12: a= line without value".
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SessionDescription? sdp, out string? reason)
    {
        sdp = null;
        if (text.Length > MaxLength)
        {
            reason = SdpParseReason.TooLarge;
            return false;
        }

        if (text.IsEmpty)
        {
            reason = SdpParseReason.Empty;
            return false;
        }

        var parser = new LineParser();
        var lineNumber = 0;
        while (!text.IsEmpty)
        {
            lineNumber++;
            var end = text.IndexOf('\n');
            var line = end < 0 ? text : text[..end];
            text = end < 0 ? [] : text[(end + 1)..];
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            var problem = parser.Accept(line);
            if (problem is not null)
            {
                reason = $"line {lineNumber}: {problem}";
                return false;
            }
        }

        reason = parser.Finish();
        if (reason is not null)
        {
            return false;
        }

        sdp = parser.Result!;
        return true;
    }

    /// <summary>Accepts lines one by one and builds the description; each method returns a reason or null.</summary>
    private sealed class LineParser
    {
        private int _rank = -1;
        private MediaDescription? _media;
        private bool _hasVersion;
        private SdpOrigin? _pendingOrigin;

        public SessionDescription? Result { get; private set; }

        public string? Accept(ReadOnlySpan<char> line)
        {
            if (line.IsEmpty)
            {
                return SdpParseReason.EmptyLine;
            }

            if (line.Length < 2 || line[1] != '=')
            {
                return SdpParseReason.NotTypeEqualsValue;
            }

            if (!SdpGrammar.IsText(line))
            {
                return SdpParseReason.ControlCharacter;
            }

            var type = line[0];
            var value = line[2..];
            if (!_hasVersion)
            {
                if (type != 'v')
                {
                    return SdpParseReason.FirstLineNotVersion;
                }

                _hasVersion = true;
                _rank = 0;
                return value is "0" ? null : SdpParseReason.UnsupportedVersion;
            }

            if (type == 'm')
            {
                return AcceptMedia(value.ToString());
            }

            return _media is null ? AcceptSession(type, value) : AcceptMediaLine(_media, type, value);
        }

        public string? Finish()
        {
            if (!_hasVersion)
            {
                return SdpParseReason.Empty;
            }

            if (Result is null)
            {
                return _rank < 1 ? SdpParseReason.MissingOrigin : SdpParseReason.MissingSessionName;
            }

            return Result.Timings.Count == 0 ? SdpParseReason.MissingTiming : null;
        }

        private string? AcceptSession(char type, ReadOnlySpan<char> value)
        {
            var rank = SessionRank(type);
            if (rank < 0)
            {
                return SdpParseReason.UnknownType;
            }

            if (rank < _rank)
            {
                return SdpParseReason.OutOfOrder;
            }

            if (rank == _rank && type is 'v' or 'o' or 's' or 'i' or 'u' or 'c' or 'z' or 'k')
            {
                return SdpParseReason.Duplicate;
            }

            if (rank > 1 && _rank < 1)
            {
                return SdpParseReason.MissingOrigin;
            }

            if (rank > 2 && Result is null)
            {
                return SdpParseReason.MissingSessionName;
            }

            if (rank > 9 && Result!.Timings.Count == 0)
            {
                return SdpParseReason.MissingTiming;
            }

            _rank = rank;
            if (value.Length == 0)
            {
                return type == 'a' ? SdpParseReason.AttributeWithoutValue : SdpParseReason.EmptyValue;
            }

            switch (type)
            {
                case 'o':
                    if (!TryParseOrigin(value.ToString(), out var origin))
                    {
                        return SdpParseReason.BadOrigin;
                    }

                    _pendingOrigin = origin;
                    return null;
                case 's':
                    Result = new SessionDescription(_pendingOrigin!, value.ToString());
                    return null;
                case 'i': Result!.Information = value.ToString(); return null;
                case 'u': Result!.Uri = value.ToString(); return null;
                case 'e': Result!.Emails.Add(value.ToString()); return null;
                case 'p': Result!.Phones.Add(value.ToString()); return null;
                case 'c':
                    if (!TryParseConnection(value.ToString(), out var connection))
                    {
                        return SdpParseReason.BadConnection;
                    }

                    Result!.Connection = connection;
                    return null;
                case 'b':
                    if (!TryParseBandwidth(value.ToString(), out var bandwidth))
                    {
                        return SdpParseReason.BadBandwidth;
                    }

                    Result!.Bandwidths.Add(bandwidth);
                    return null;
                case 't':
                    if (!TrySplit(value.ToString(), 2, out var times) ||
                        !SdpGrammar.TryParseUInt64(times[0], out var start) || !SdpGrammar.TryParseUInt64(times[1], out var stop))
                    {
                        return SdpParseReason.BadTiming;
                    }

                    Result!.Timings.Add(new SdpTiming(start, stop, []));
                    return null;
                case 'r':
                    if (Result!.Timings.Count == 0)
                    {
                        return SdpParseReason.RepeatWithoutTiming;
                    }

                    var last = Result.Timings[^1];
                    Result.Timings[^1] = last with { Repeats = [.. last.Repeats, value.ToString()] };
                    return null;
                case 'z': Result!.TimeZones = value.ToString(); return null;
                case 'k': Result!.EncryptionKey = value.ToString(); return null;
                case 'a': return AcceptAttribute(Result!.Attributes, value);
                default: return SdpParseReason.UnknownType;
            }
        }

        private string? AcceptMedia(string value)
        {
            if (Result is null)
            {
                return _rank < 1 ? SdpParseReason.MissingOrigin : SdpParseReason.MissingSessionName;
            }

            if (Result.Timings.Count == 0)
            {
                return SdpParseReason.MissingTiming;
            }

            var reason = TryParseMediaLine(value, out var media);
            if (reason is not null)
            {
                return reason;
            }

            _media = media!;
            _rank = 0;
            Result.Media.Add(_media);
            return null;
        }

        private string? AcceptMediaLine(MediaDescription media, char type, ReadOnlySpan<char> value)
        {
            var rank = MediaRank(type);
            if (rank < 0)
            {
                return SessionRank(type) < 0 ? SdpParseReason.UnknownType : SdpParseReason.OutOfOrder;
            }

            if (rank < _rank)
            {
                return SdpParseReason.OutOfOrder;
            }

            if (rank == _rank && type is 'i' or 'k')
            {
                return SdpParseReason.Duplicate;
            }

            _rank = rank;
            if (value.Length == 0)
            {
                return type == 'a' ? SdpParseReason.AttributeWithoutValue : SdpParseReason.EmptyValue;
            }

            switch (type)
            {
                case 'i': media.Information = value.ToString(); return null;
                case 'c':
                    if (!TryParseConnection(value.ToString(), out var connection))
                    {
                        return SdpParseReason.BadConnection;
                    }

                    media.Connections.Add(connection);
                    return null;
                case 'b':
                    if (!TryParseBandwidth(value.ToString(), out var bandwidth))
                    {
                        return SdpParseReason.BadBandwidth;
                    }

                    media.Bandwidths.Add(bandwidth);
                    return null;
                case 'k': media.EncryptionKey = value.ToString(); return null;
                case 'a': return AcceptAttribute(media.Attributes, value);
                default: return SdpParseReason.UnknownType;
            }
        }
    }

    // RFC 8866 §5.13: attribute = (attribute-name ":" attribute-value) / attribute-name
    private static string? AcceptAttribute(SdpAttributeList attributes, ReadOnlySpan<char> value)
    {
        var colon = value.IndexOf(':');
        var name = colon < 0 ? value : value[..colon];
        if (!SdpGrammar.IsToken(name))
        {
            return SdpParseReason.BadAttributeName;
        }

        attributes.Add(new SdpAttribute(name.ToString(), colon < 0 ? null : value[(colon + 1)..].ToString(), validated: true));
        return null;
    }

    // RFC 8866 §5.2: o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
    private static bool TryParseOrigin(string value, [NotNullWhen(true)] out SdpOrigin? origin)
    {
        origin = null;
        if (!TrySplit(value, 6, out var f) || !SdpGrammar.IsVisible(f[0]) || !SdpGrammar.IsDigits(f[1]) ||
            !SdpGrammar.IsDigits(f[2]) || !SdpGrammar.IsToken(f[3]) || !SdpGrammar.IsToken(f[4]) || !SdpGrammar.IsVisible(f[5]))
        {
            return false;
        }

        origin = new SdpOrigin(f[0], f[1], f[2], f[3], f[4], f[5]);
        return true;
    }

    // RFC 8866 §5.7: c=<nettype> <addrtype> <connection-address>
    private static bool TryParseConnection(string value, [NotNullWhen(true)] out SdpConnection? connection)
    {
        connection = null;
        if (!TrySplit(value, 3, out var f) || !SdpGrammar.IsToken(f[0]) || !SdpGrammar.IsToken(f[1]) || !SdpGrammar.IsVisible(f[2]))
        {
            return false;
        }

        connection = new SdpConnection(f[0], f[1], f[2]);
        return true;
    }

    // RFC 8866 §5.8: b=<bwtype>:<bandwidth>
    private static bool TryParseBandwidth(string value, [NotNullWhen(true)] out SdpBandwidth? bandwidth)
    {
        bandwidth = null;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !SdpGrammar.IsToken(value.AsSpan(0, colon)) ||
            !SdpGrammar.TryParseUInt64(value.AsSpan(colon + 1), out var amount))
        {
            return false;
        }

        bandwidth = new SdpBandwidth(value[..colon], amount);
        return true;
    }

    // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    //   proto = token *("/" token); for RTP/AVP and its profiles each fmt is a payload type (0-127).
    private static string? TryParseMediaLine(string value, out MediaDescription? media)
    {
        media = null;
        if (!SdpGrammar.TrySplitFields(value, out var f) || f.Length < 3 || !SdpGrammar.IsToken(f[0]))
        {
            return SdpParseReason.BadMediaLine;
        }

        if (f.Length < 4)
        {
            return SdpParseReason.MissingFormats;
        }

        var portText = f[1].AsSpan();
        int? portCount = null;
        var slash = portText.IndexOf('/');
        if (slash >= 0)
        {
            if (!SdpGrammar.TryParseInt(portText[(slash + 1)..], 1, 65535, out var count))
            {
                return SdpParseReason.PortOutOfRange;
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!SdpGrammar.TryParseInt(portText, 0, 65535, out var port))
        {
            return SdpParseReason.PortOutOfRange;
        }

        if (!IsProtocol(f[2]))
        {
            return SdpParseReason.BadProtocol;
        }

        var rtp = MediaDescription.IsRtpProtocol(f[2]);
        for (var i = 3; i < f.Length; i++)
        {
            if (!SdpGrammar.IsToken(f[i]))
            {
                return SdpParseReason.BadFormat;
            }

            if (rtp && !SdpGrammar.TryParsePayloadType(f[i], out _))
            {
                return SdpGrammar.IsDigits(f[i]) ? SdpParseReason.PayloadTypeOutOfRange : SdpParseReason.BadFormat;
            }
        }

        media = new MediaDescription(f[0], port, f[2], f[3..]) { PortCount = portCount };
        return null;
    }

    private static bool IsProtocol(string protocol)
    {
        foreach (var part in protocol.Split('/'))
        {
            if (!SdpGrammar.IsToken(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TrySplit(string value, int count, [NotNullWhen(true)] out string[]? fields)
    {
        if (SdpGrammar.TrySplitFields(value, out var split) && split.Length == count)
        {
            fields = split;
            return true;
        }

        fields = null;
        return false;
    }
}
