using System.Security.Cryptography;

namespace AnHop.Core.Meetings;

/// <summary>
/// A meeting's public identifier in its link: 130 random bits in lower-case base32 (26 characters), so IDs cannot be
/// scanned. It is not a secret on its own: the passcode and the waiting room guard the meeting.
/// </summary>
public static class MeetingCode
{
    public const int Length = 26;
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string Create()
    {
        return string.Create(Length, 0, (chars, _) =>
        {
            Span<byte> bytes = stackalloc byte[Length];
            RandomNumberGenerator.Fill(bytes);
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[bytes[i] & 31];
            }
        });
    }

    public static bool IsWellFormed(string? code)
    {
        if (code is null || code.Length != Length)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A short code for typing (10 digits), offered only where policy allows and always behind the passcode.</summary>
    public static string CreateNumeric() =>
        string.Create(10, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)('0' + RandomNumberGenerator.GetInt32(10));
            }
        });
}
