using System.Globalization;

namespace AnHop.Media.Sdp;

/// <summary>Character classes and number rules shared by the SDP line and attribute parsers (RFC 8866 §9).</summary>
internal static class SdpGrammar
{
    // token-char = %x21 / %x23-27 / %x2A-2B / %x2D-2E / %x30-39 / %x41-5A / %x5E-7E
    public static bool IsTokenChar(char c) =>
        c == '!' || (c >= '#' && c <= '\'') || c == '*' || c == '+' || c == '-' || c == '.' ||
        (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= '^' && c <= '~');

    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>byte-string = 1*(%x01-09/%x0B-0C/%x0E-FF): anything but NUL, CR and LF.</summary>
    public static bool IsText(ReadOnlySpan<char> text) => text.IndexOfAny('\0', '\r', '\n') < 0;

    /// <summary>A run of printable ASCII without spaces, as used for addresses and identifiers.</summary>
    public static bool IsVisible(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c <= ' ' || c >= '\x7F')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDigits(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    public static bool TryParseUInt32(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        return IsDigits(text) && uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseUInt64(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        return IsDigits(text) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInt(ReadOnlySpan<char> text, int min, int max, out int value)
    {
        value = 0;
        if (!TryParseUInt32(text, out var parsed) || parsed < min || parsed > max)
        {
            return false;
        }

        value = (int)parsed;
        return true;
    }

    /// <summary>RTP payload types are 7 bits (RFC 3550 §5.1).</summary>
    public static bool TryParsePayloadType(ReadOnlySpan<char> text, out byte payloadType)
    {
        payloadType = 0;
        if (!TryParseInt(text, 0, 127, out var value))
        {
            return false;
        }

        payloadType = (byte)value;
        return true;
    }

    /// <summary>Splits on single spaces; false when a field is empty (double, leading or trailing space).</summary>
    public static bool TrySplitFields(string text, out string[] fields)
    {
        fields = text.Split(' ');
        foreach (var field in fields)
        {
            if (field.Length == 0)
            {
                return false;
            }
        }

        return true;
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);
}
