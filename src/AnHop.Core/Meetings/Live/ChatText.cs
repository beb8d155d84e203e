using System.Text;
using System.Text.RegularExpressions;

namespace AnHop.Core.Meetings.Live;

/// <summary>
/// Server-side checks of chat text: at most <see cref="MaxLength"/> characters, no control characters except newline,
/// bidirectional overrides removed (they disguise file names and links), and whether it contains anything link-like
/// (URLs, bare domains, UNC paths such as \\host\share — the 2020 advisory's credential leak).
/// </summary>
public static partial class ChatText
{
    public const int MaxLength = 2000;

    /// <summary>The cleaned text, or null with a problem when it cannot be sent.</summary>
    public static string? Clean(string? text, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The message is empty.";
            return null;
        }

        var cleaned = new StringBuilder(text.Length);
        foreach (var c in text.Replace("\r\n", "\n", StringComparison.Ordinal))
        {
            if (IsBidiControl(c))
            {
                continue;
            }

            if (char.IsControl(c) && c != '\n')
            {
                problem = "The message contains control characters.";
                return null;
            }

            cleaned.Append(c);
        }

        var result = cleaned.ToString().Trim();
        if (result.Length == 0)
        {
            problem = "The message is empty.";
            return null;
        }

        if (result.Length > MaxLength)
        {
            problem = $"The message may have at most {MaxLength} characters.";
            return null;
        }

        return result;
    }

    public static bool ContainsLink(string text) => LinkLike().IsMatch(text);

    // U+202A–U+202E (embeddings, overrides) and U+2066–U+2069 (isolates).
    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    [GeneratedRegex(@"[a-z][a-z0-9+.\-]*://|\bwww\.|\\\\[^\\\s]|\b(?:mailto|file|javascript|data):|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.[a-z]{2,}(?::\d+)?(?:/|\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex LinkLike();
}
