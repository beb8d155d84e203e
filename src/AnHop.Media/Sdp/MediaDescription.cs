namespace AnHop.Media.Sdp;

/// <summary>
/// One media section (RFC 8866 §5.14): the m= line and the i=, c=, b=, k= and a= lines under it.
/// <code>
/// m=&lt;media&gt; &lt;port&gt;[/&lt;number of ports&gt;] &lt;proto&gt; &lt;fmt&gt; ...
/// </code>
/// </summary>
public sealed class MediaDescription : IEquatable<MediaDescription>
{
    public const string Audio = "audio";
    public const string Video = "video";
    public const string Application = "application";

    /// <summary>The proto JSEP uses for RTP media (RFC 8829 §5.1.2).</summary>
    public const string UdpTlsRtpSavpf = "UDP/TLS/RTP/SAVPF";

    public MediaDescription(string media, int port, string protocol, IEnumerable<string>? formats = null)
    {
        Media = media;
        Port = port;
        Protocol = protocol;
        if (formats is not null)
        {
            Formats.AddRange(formats);
        }
    }

    /// <summary>audio, video, application, …</summary>
    public string Media { get; set; }

    /// <summary>0 rejects or disables the section (RFC 8829 §5.3.1); 9 is the JSEP placeholder.</summary>
    public int Port { get; set; }

    public int? PortCount { get; set; }

    public string Protocol { get; set; }

    /// <summary>The fmt list as written; for RTP protocols these are payload types.</summary>
    public List<string> Formats { get; } = [];

    public string? Information { get; set; }

    public List<SdpConnection> Connections { get; } = [];

    public List<SdpBandwidth> Bandwidths { get; } = [];

    public string? EncryptionKey { get; set; }

    public SdpAttributeList Attributes { get; } = [];

    /// <summary>Whether the formats are RTP payload types (RTP/AVP and its profiles, RFC 8866 §5.14).</summary>
    public bool IsRtp => IsRtpProtocol(Protocol);

    /// <summary>The formats that are payload types, in order.</summary>
    public IReadOnlyList<byte> PayloadTypes
    {
        get
        {
            var payloadTypes = new List<byte>(Formats.Count);
            foreach (var format in Formats)
            {
                if (SdpGrammar.TryParsePayloadType(format, out var payloadType))
                {
                    payloadTypes.Add(payloadType);
                }
            }

            return payloadTypes;
        }
    }

    public static bool IsRtpProtocol(string protocol) =>
        protocol.StartsWith("RTP/", StringComparison.Ordinal) || protocol.Contains("/RTP/", StringComparison.Ordinal);

    public bool Equals(MediaDescription? other) =>
        other is not null && Media == other.Media && Port == other.Port && PortCount == other.PortCount &&
        Protocol == other.Protocol && Formats.SequenceEqual(other.Formats) && Information == other.Information &&
        Connections.SequenceEqual(other.Connections) && Bandwidths.SequenceEqual(other.Bandwidths) &&
        EncryptionKey == other.EncryptionKey && Attributes.Equals(other.Attributes);

    public override bool Equals(object? obj) => Equals(obj as MediaDescription);

    public override int GetHashCode() => HashCode.Combine(Media, Port, Protocol, Formats.Count, Attributes.Count);
}
