using System.Text;

namespace AnHop.Media.Sdp;

public sealed partial class SessionDescription
{
    /// <summary>
    /// Writes the description in RFC 8866 §5 order with CRLF line ends (RFC 8866 §5: "&lt;CR&gt;&lt;LF&gt;").
    /// Throws <see cref="InvalidOperationException"/> when a field would not parse back (a line break inside a
    /// value, a port out of range), so no caller-supplied text can inject lines.
    /// </summary>
    public string Write()
    {
        var text = new StringBuilder(1024);
        Line(text, 'v', "0");
        Line(text, 'o', Origin.ToString());
        Line(text, 's', SessionName);
        OptionalLine(text, 'i', Information);
        OptionalLine(text, 'u', Uri);
        foreach (var email in Emails)
        {
            Line(text, 'e', email);
        }

        foreach (var phone in Phones)
        {
            Line(text, 'p', phone);
        }

        OptionalLine(text, 'c', Connection?.ToString());
        foreach (var bandwidth in Bandwidths)
        {
            Line(text, 'b', bandwidth.ToString());
        }

        if (Timings.Count == 0)
        {
            throw new InvalidOperationException("a session description needs at least one t= line");
        }

        foreach (var timing in Timings)
        {
            Line(text, 't', SdpGrammar.Number(timing.Start) + " " + SdpGrammar.Number(timing.Stop));
            foreach (var repeat in timing.Repeats)
            {
                Line(text, 'r', repeat);
            }
        }

        OptionalLine(text, 'z', TimeZones);
        OptionalLine(text, 'k', EncryptionKey);
        WriteAttributes(text, Attributes);
        foreach (var media in Media)
        {
            WriteMedia(text, media);
        }

        return text.ToString();
    }

    private static void WriteMedia(StringBuilder text, MediaDescription media)
    {
        if (media.Port is < 0 or > 65535 || media.PortCount is < 1 or > 65535)
        {
            throw new InvalidOperationException("m= port out of range");
        }

        if (media.Formats.Count == 0)
        {
            throw new InvalidOperationException("an m= line needs at least one format");
        }

        var port = SdpGrammar.Number(media.Port);
        if (media.PortCount is { } count)
        {
            port += "/" + SdpGrammar.Number(count);
        }

        Line(text, 'm', media.Media + " " + port + " " + media.Protocol + " " + string.Join(' ', media.Formats));
        OptionalLine(text, 'i', media.Information);
        foreach (var connection in media.Connections)
        {
            Line(text, 'c', connection.ToString());
        }

        foreach (var bandwidth in media.Bandwidths)
        {
            Line(text, 'b', bandwidth.ToString());
        }

        OptionalLine(text, 'k', media.EncryptionKey);
        WriteAttributes(text, media.Attributes);
    }

    private static void WriteAttributes(StringBuilder text, SdpAttributeList attributes)
    {
        foreach (var attribute in attributes)
        {
            Line(text, 'a', attribute.ToString());
        }
    }

    private static void OptionalLine(StringBuilder text, char type, string? value)
    {
        if (value is not null)
        {
            Line(text, type, value);
        }
    }

    private static void Line(StringBuilder text, char type, string value)
    {
        if (value.Length == 0 || !SdpGrammar.IsText(value))
        {
            throw new InvalidOperationException($"{type}= value must be non-empty and free of NUL, CR and LF");
        }

        text.Append(type).Append('=').Append(value).Append("\r\n");
    }
}
