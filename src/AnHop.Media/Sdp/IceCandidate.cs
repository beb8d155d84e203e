using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// An ICE candidate line (RFC 8839 §5.1):
/// <code>
/// candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
///                       connection-address SP port SP cand-type [SP rel-addr] [SP rel-port] *(SP cand-extension)
/// cand-type           = "typ" SP ("host" / "srflx" / "prflx" / "relay" / token)
/// rel-addr            = "raddr" SP connection-address
/// rel-port            = "rport" SP port
/// cand-extension      = extension-att-name SP extension-att-value
/// </code>
/// tcptype (RFC 6544 §4.5) is an extension; it and the others (generation, network-id, ufrag…) stay in order
/// in <see cref="Extensions"/>.
/// </summary>
public sealed record IceCandidate(
    string Foundation,
    int Component,
    string Transport,
    uint Priority,
    string Address,
    int Port,
    IceCandidateType Type,
    string? RelatedAddress,
    int? RelatedPort,
    IReadOnlyList<KeyValuePair<string, string>> Extensions) : ISdpAttributeValue<IceCandidate>
{
    public static string AttributeName => SdpAttributeNames.Candidate;

    /// <summary>The tcptype extension (active, passive, so), or null for UDP candidates.</summary>
    public string? TcpType => Extensions.FirstOrDefault(pair => pair.Key == "tcptype").Value;

    /// <summary>A host candidate for an ICE-lite SFU: component 1, no related address.</summary>
    public static IceCandidate Host(string foundation, string transport, uint priority, string address, int port,
        params KeyValuePair<string, string>[] extensions) =>
        new(foundation, 1, transport, priority, address, port, IceCandidateType.Host, null, null, extensions);

    /// <summary>The RFC 8445 §5.1.2.1 priority: (2^24)·type preference + (2^8)·local preference + (256 − component).</summary>
    public static uint ComputePriority(int typePreference, int localPreference, int component) =>
        (uint)(((long)typePreference << 24) + ((long)localPreference << 8) + (256 - component));

    public static bool TryParse(string value, [NotNullWhen(true)] out IceCandidate? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var f) || f.Length < 8 || f.Length % 2 != 0 || f[6] != "typ" ||
            f[0].Length > 32 || !IsFoundation(f[0]) ||
            !SdpGrammar.TryParseInt(f[1], 1, 256, out var component) ||
            !SdpGrammar.IsToken(f[2]) ||
            !SdpGrammar.TryParseUInt32(f[3], out var priority) ||
            !SdpGrammar.IsVisible(f[4]) ||
            !SdpGrammar.TryParseInt(f[5], 0, 65535, out var port))
        {
            return false;
        }

        var type = ParseType(f[7]);
        if (type == IceCandidateType.Unknown)
        {
            return false;
        }

        string? relatedAddress = null;
        int? relatedPort = null;
        var at = 8;
        if (at < f.Length && f[at] == "raddr")
        {
            if (!SdpGrammar.IsVisible(f[at + 1]))
            {
                return false;
            }

            relatedAddress = f[at + 1];
            at += 2;
        }

        if (at < f.Length && f[at] == "rport")
        {
            if (!SdpGrammar.TryParseInt(f[at + 1], 0, 65535, out var rport))
            {
                return false;
            }

            relatedPort = rport;
            at += 2;
        }

        var extensions = new List<KeyValuePair<string, string>>();
        for (; at < f.Length; at += 2)
        {
            if (!SdpGrammar.IsToken(f[at]) || f[at] is "raddr" or "rport")
            {
                return false;
            }

            extensions.Add(new KeyValuePair<string, string>(f[at], f[at + 1]));
        }

        result = new IceCandidate(f[0], component, f[2], priority, f[4], port, type, relatedAddress, relatedPort, extensions);
        return true;
    }

    public string FormatValue()
    {
        var text = new System.Text.StringBuilder();
        text.Append(Foundation).Append(' ').Append(SdpGrammar.Number(Component)).Append(' ').Append(Transport)
            .Append(' ').Append(SdpGrammar.Number(Priority)).Append(' ').Append(Address).Append(' ').Append(SdpGrammar.Number(Port))
            .Append(" typ ").Append(FormatType(Type));
        if (RelatedAddress is not null)
        {
            text.Append(" raddr ").Append(RelatedAddress);
        }

        if (RelatedPort is { } relatedPort)
        {
            text.Append(" rport ").Append(SdpGrammar.Number(relatedPort));
        }

        foreach (var extension in Extensions)
        {
            text.Append(' ').Append(extension.Key).Append(' ').Append(extension.Value);
        }

        return text.ToString();
    }

    public bool Equals(IceCandidate? other) =>
        other is not null && Foundation == other.Foundation && Component == other.Component && Transport == other.Transport &&
        Priority == other.Priority && Address == other.Address && Port == other.Port && Type == other.Type &&
        RelatedAddress == other.RelatedAddress && RelatedPort == other.RelatedPort && SdpEquality.Lists(Extensions, other.Extensions);

    public override int GetHashCode() => HashCode.Combine(Foundation, Component, Priority, Address, Port, Type);

    // foundation = 1*32ice-char; ice-char = ALPHA / DIGIT / "+" / "/"
    private static bool IsFoundation(string foundation) =>
        foundation.All(c => char.IsAsciiLetterOrDigit(c) || c == '+' || c == '/');

    private static IceCandidateType ParseType(string type) => type switch
    {
        "host" => IceCandidateType.Host,
        "srflx" => IceCandidateType.ServerReflexive,
        "prflx" => IceCandidateType.PeerReflexive,
        "relay" => IceCandidateType.Relayed,
        _ => IceCandidateType.Unknown,
    };

    private static string FormatType(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => "host",
        IceCandidateType.ServerReflexive => "srflx",
        IceCandidateType.PeerReflexive => "prflx",
        IceCandidateType.Relayed => "relay",
        _ => throw new InvalidOperationException("a candidate needs a known type"),
    };
}
