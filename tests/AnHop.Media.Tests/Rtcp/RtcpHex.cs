using System.Globalization;
using System.Text;

namespace AnHop.Media.Tests.Rtcp;

/// <summary>Reads annotated hex: '#' starts a comment, whitespace is ignored.</summary>
internal static class RtcpHex
{
    public static byte[] Parse(string annotated)
    {
        var digits = new StringBuilder();
        foreach (var line in annotated.Split('\n'))
        {
            var text = line;
            var comment = text.IndexOf('#', StringComparison.Ordinal);
            if (comment >= 0)
            {
                text = text[..comment];
            }

            foreach (var c in text)
            {
                if (!char.IsWhiteSpace(c))
                {
                    digits.Append(c);
                }
            }
        }

        return Convert.FromHexString(digits.ToString());
    }

    public static byte[] Load(string name) =>
        Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "rtcp", name)));

    public static string ToHex(ReadOnlySpan<byte> bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}
