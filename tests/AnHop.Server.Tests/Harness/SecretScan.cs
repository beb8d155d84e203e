using System.Net;

namespace AnHop.Testing;

/// <summary>
/// Checks that no secret (passcode, token, password) shows up in what the server produced: URLs, log lines,
/// e-mails. It looks for each secret as written, URL-encoded and HTML-encoded, ignoring case.
/// </summary>
public static class SecretScan
{
    private const int ExcerptChars = 40;

    /// <summary>Fails naming the secret (by position, masked), the haystack and entry it was found in, with the text around it.</summary>
    public static void AssertAbsent(IEnumerable<string> secrets, params IEnumerable<string>[] haystacks)
    {
        var findings = Find(secrets, haystacks);
        if (findings.Count > 0)
        {
            Assert.Fail($"A secret appeared where it must not:{Environment.NewLine}{string.Join(Environment.NewLine, findings)}");
        }
    }

    /// <summary>One line per place a secret appears; empty when none does.</summary>
    public static IReadOnlyList<string> Find(IEnumerable<string> secrets, params IEnumerable<string>[] haystacks)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(haystacks);
        var secretList = secrets.ToList();
        if (secretList.Count == 0 || secretList.Any(s => string.IsNullOrWhiteSpace(s) || s.Length < 4))
        {
            throw new ArgumentException("Give at least one secret, each of at least 4 characters: a shorter one would match by chance.", nameof(secrets));
        }

        var findings = new List<string>();
        for (var h = 0; h < haystacks.Length; h++)
        {
            var entry = 0;
            foreach (var text in haystacks[h])
            {
                entry++;
                for (var s = 0; s < secretList.Count; s++)
                {
                    foreach (var (form, written) in Forms(secretList[s]))
                    {
                        var at = text?.IndexOf(written, StringComparison.OrdinalIgnoreCase) ?? -1;
                        if (at >= 0)
                        {
                            findings.Add($"secret #{s + 1} ({form}) in haystack {h + 1}, entry {entry}: …{Excerpt(text!, at, written.Length, s + 1)}…");
                        }
                    }
                }
            }
        }

        return findings;
    }

    private static IEnumerable<(string Form, string Written)> Forms(string secret)
    {
        yield return ("as written", secret);
        var url = Uri.EscapeDataString(secret);
        if (url != secret)
        {
            yield return ("URL-encoded", url);
        }

        var html = WebUtility.HtmlEncode(secret);
        if (html != secret && html != url)
        {
            yield return ("HTML-encoded", html);
        }
    }

    // The secret itself is masked, so a failing run's output does not spread it further.
    private static string Excerpt(string text, int at, int length, int number)
    {
        var from = Math.Max(0, at - ExcerptChars);
        var to = Math.Min(text.Length, at + length + ExcerptChars);
        return (text[from..at] + $"«secret #{number}»" + text[(at + length)..to]).ReplaceLineEndings("⏎");
    }
}
