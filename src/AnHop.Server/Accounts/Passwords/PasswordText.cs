using System.Globalization;
using System.Text;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>Folds text for comparison: lower case, Vietnamese diacritics removed (đ → d), letters and digits only.</summary>
public static class PasswordText
{
    public static string Fold(string? text)
    {
        var decomposed = (text ?? "").ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && char.IsAsciiLetterOrDigit(c))
            {
                folded.Append(c);
            }
        }

        return folded.ToString();
    }

    /// <summary>The words of a name or address, folded, of at least three characters.</summary>
    public static IEnumerable<string> Words(string? text) =>
        (text ?? "").Split([' ', '.', '_', '-', '@', '+'], StringSplitOptions.RemoveEmptyEntries)
            .Select(Fold)
            .Where(w => w.Length >= 3);
}
