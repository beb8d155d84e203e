using System.Diagnostics.CodeAnalysis;

namespace AnHop.Media.Sdp;

/// <summary>
/// A restriction identifier (RFC 8851 §10):
/// <code>
/// rid-syntax        = %s"a=rid:" rid-id SP rid-dir [ rid-pt-param-list / rid-param-list ]
/// rid-id            = 1*(alpha-numeric / "-" / "_")
/// rid-dir           = %s"send" / %s"recv"
/// rid-pt-param-list = SP rid-fmt-list *( ";" rid-param )
/// rid-param-list    = SP rid-param *( ";" rid-param )
/// rid-fmt-list      = %s"pt=" fmt *( "," fmt )
/// rid-param         = rid-width-param / rid-height-param / ... / rid-param-other   (key [ "=" value ])
/// </code>
/// The pt= list is held as <see cref="PayloadTypes"/>; every other parameter stays in order in <see cref="Restrictions"/>.
/// </summary>
public sealed record Rid(string Id, RidDirection Direction, IReadOnlyList<byte> PayloadTypes, IReadOnlyList<KeyValuePair<string, string?>> Restrictions)
    : ISdpAttributeValue<Rid>
{
    public Rid(string id, RidDirection direction)
        : this(id, direction, [], [])
    {
    }

    public static string AttributeName => SdpAttributeNames.Rid;

    public static bool IsValidId(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryParse(string value, [NotNullWhen(true)] out Rid? result)
    {
        result = null;
        if (!SdpGrammar.TrySplitFields(value, out var fields) || fields.Length is < 2 or > 3 || !IsValidId(fields[0]))
        {
            return false;
        }

        var direction = fields[1] switch
        {
            "send" => RidDirection.Send,
            "recv" => RidDirection.Recv,
            _ => RidDirection.Unknown,
        };
        if (direction == RidDirection.Unknown)
        {
            return false;
        }

        var payloadTypes = new List<byte>();
        var restrictions = new List<KeyValuePair<string, string?>>();
        if (fields.Length == 3)
        {
            var parameters = fields[2].Split(';');
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                var equals = parameter.IndexOf('=', StringComparison.Ordinal);
                var key = equals < 0 ? parameter : parameter[..equals];
                var paramValue = equals < 0 ? null : parameter[(equals + 1)..];
                if (!SdpGrammar.IsToken(key) || key.Contains('=', StringComparison.Ordinal) ||
                    (paramValue is not null && !SdpGrammar.IsVisible(paramValue)))
                {
                    return false;
                }

                if (key == "pt")
                {
                    // Only the first parameter may be the pt= list.
                    if (i != 0 || paramValue is null || !TryParsePayloadTypes(paramValue, payloadTypes))
                    {
                        return false;
                    }

                    continue;
                }

                restrictions.Add(new KeyValuePair<string, string?>(key, paramValue));
            }
        }

        result = new Rid(fields[0], direction, payloadTypes, restrictions);
        return true;
    }

    public string FormatValue()
    {
        var text = Id + Direction switch
        {
            RidDirection.Send => " send",
            RidDirection.Recv => " recv",
            _ => throw new InvalidOperationException("a rid needs a direction"),
        };
        var parameters = new List<string>();
        if (PayloadTypes.Count > 0)
        {
            parameters.Add("pt=" + string.Join(',', PayloadTypes.Select(pt => SdpGrammar.Number(pt))));
        }

        parameters.AddRange(Restrictions.Select(pair => pair.Value is null ? pair.Key : pair.Key + "=" + pair.Value));
        return parameters.Count == 0 ? text : text + " " + string.Join(';', parameters);
    }

    public bool Equals(Rid? other) =>
        other is not null && Id == other.Id && Direction == other.Direction &&
        SdpEquality.Lists(PayloadTypes, other.PayloadTypes) && SdpEquality.Lists(Restrictions, other.Restrictions);

    public override int GetHashCode() => HashCode.Combine(Id, Direction, SdpEquality.Hash(PayloadTypes), Restrictions.Count);

    private static bool TryParsePayloadTypes(string list, List<byte> payloadTypes)
    {
        foreach (var item in list.Split(','))
        {
            if (!SdpGrammar.TryParsePayloadType(item, out var payloadType))
            {
                return false;
            }

            payloadTypes.Add(payloadType);
        }

        return true;
    }
}
