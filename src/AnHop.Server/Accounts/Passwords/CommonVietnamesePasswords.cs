using System.Collections.Frozen;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>The list of common Vietnamese passwords kept with the project (an embedded resource, one per line).</summary>
public static class CommonVietnamesePasswords
{
    private const string ResourceName = "AnHop.Server.Accounts.common-vietnamese-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> Words = new(Load);

    public static IReadOnlyCollection<string> All => Words.Value;

    /// <summary>
    /// True when the folded password is on the list, or is a listed word with digits and symbols only around it
    /// ("Anhyeuem@2024", "nguyen1990!!", "vietnam@12345").
    /// </summary>
    public static bool Matches(string password)
    {
        var folded = PasswordText.Fold(password);
        var core = folded.Trim("0123456789".ToCharArray());
        return Words.Value.Contains(folded) || Words.Value.Contains(core) || core.Length == 0;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonVietnamesePasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(PasswordText.Fold(line));
            }
        }

        return words.ToFrozenSet(StringComparer.Ordinal);
    }
}
