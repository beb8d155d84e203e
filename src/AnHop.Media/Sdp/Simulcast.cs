using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// The simulcast attribute (RFC 8853 §5.1):
/// <code>
/// sc-value     = ( sc-send [SP sc-recv] ) / ( sc-recv [SP sc-send] )
/// sc-send      = %s"send" SP sc-str-list
/// sc-recv      = %s"recv" SP sc-str-list
/// sc-str-list  = sc-alt-list *( ";" sc-alt-list )
/// sc-alt-list  = sc-id *( "," sc-id )
/// sc-id-paused = "~"
/// sc-id        = [sc-id-paused] rid-id
/// </code>
/// e.g. <c>a=simulcast:send q;h;f</c> offers three streams; the SFU answers <c>a=simulcast:recv q;h;f</c>.
/// </summary>
public sealed record Simulcast(IReadOnlyList<SimulcastStream> Send, IReadOnlyList<SimulcastStream> Recv)
    : ISdpAttributeValue<Simulcast>
{
    public static string AttributeName => SdpAttributeNames.Simulcast;

    /// <summary>One stream per rid, no alternatives, none paused.</summary>
    public static Simulcast Sending(params string[] rids) => new(rids.Select(rid => new SimulcastStream(rid)).ToArray(), []);

    public static Simulcast Receiving(params string[] rids) => new([], rids.Select(rid => new SimulcastStream(rid)).ToArray());

    public static bool TryParse(string value, [NotNullWhen(true)] out Simulcast? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var fields) || (fields.Length != 2 && fields.Length != 4))
        {
            return false;
        }

        IReadOnlyList<SimulcastStream>? send = null;
        IReadOnlyList<SimulcastStream>? recv = null;
        for (var i = 0; i < fields.Length; i += 2)
        {
            if (!TryParseStreams(fields[i + 1], out var streams))
            {
                return false;
            }

            switch (fields[i])
            {
                case "send" when send is null: send = streams; break;
                case "recv" when recv is null: recv = streams; break;
                default: return false;
            }
        }

        result = new Simulcast(send ?? [], recv ?? []);
        return true;
    }

    public string FormatValue()
    {
        if (Send.Count == 0 && Recv.Count == 0)
        {
            throw new InvalidOperationException("a simulcast attribute needs a send or a recv list");
        }

        var parts = new List<string>(2);
        if (Send.Count > 0)
        {
            parts.Add("send " + string.Join(';', Send));
        }

        if (Recv.Count > 0)
        {
            parts.Add("recv " + string.Join(';', Recv));
        }

        return string.Join(' ', parts);
    }

    public bool Equals(Simulcast? other) =>
        other is not null && SdpEquality.Lists(Send, other.Send) && SdpEquality.Lists(Recv, other.Recv);

    public override int GetHashCode() => HashCode.Combine(SdpEquality.Hash(Send), SdpEquality.Hash(Recv));

    private static bool TryParseStreams(string list, [NotNullWhen(true)] out IReadOnlyList<SimulcastStream>? streams)
    {
        streams = null;
        var parsed = new List<SimulcastStream>();
        foreach (var alternatives in list.Split(';'))
        {
            var rids = new List<SimulcastRid>();
            foreach (var scId in alternatives.Split(','))
            {
                var paused = scId.StartsWith('~');
                var id = paused ? scId[1..] : scId;
                if (!Rid.IsValidId(id))
                {
                    return false;
                }

                rids.Add(new SimulcastRid(id, paused));
            }

            parsed.Add(new SimulcastStream(rids));
        }

        streams = parsed;
        return true;
    }
}
