using System.Text;

namespace AnHop.Media.Sdp;

public sealed partial class SessionDescription
{
    /// <summary>
    /// Writes the description in RFC 8866 §5 order with CRLF line ends (RFC 8866 §5: "&lt;CR&gt;&lt;LF&gt;").
    /// Throws <see cref="InvalidOperationException"/> when a line would not parse back (a line break inside a
    /// value, a space inside an o= or c= field, a port or payload type out of range), so what is written always
    /// parses and no caller-supplied text can inject lines.
    /// </summary>
    public string Write()
    {
        var text = new StringBuilder(1024);
        Line(text, 'v', "0");
        Line(text, 'o', Checked(Origin.ToString(), value => TryParseOrigin(value, out _)));
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

        if (Connection is not null)
        {
            Line(text, 'c', Checked(Connection.ToString(), value => TryParseConnection(value, out _)));
        }

        foreach (var bandwidth in Bandwidths)
        {
            Line(text, 'b', Checked(bandwidth.ToString(), value => TryParseBandwidth(value, out _)));
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
        var port = SdpGrammar.Number(media.Port);
        if (media.PortCount is { } count)
        {
            port += "/" + SdpGrammar.Number(count);
        }

        var line = media.Media + " " + port + " " + media.Protocol + " " + string.Join(' ', media.Formats);
        if (TryParseMediaLine(line, out _) is { } reason)
        {
            throw new InvalidOperationException("m= line would not parse: " + reason);
        }

        Line(text, 'm', line);
        OptionalLine(text, 'i', media.Information);
        foreach (var connection in media.Connections)
        {
            Line(text, 'c', Checked(connection.ToString(), value => TryParseConnection(value, out _)));
        }

        foreach (var bandwidth in media.Bandwidths)
        {
            Line(text, 'b', Checked(bandwidth.ToString(), value => TryParseBandwidth(value, out _)));
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

    private static string Checked(string value, Func<string, bool> parses) =>
        parses(value) ? value : throw new InvalidOperationException("field would not parse back: " + value);

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
