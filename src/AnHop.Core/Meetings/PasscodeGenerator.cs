using System.Security.Cryptography;
using AnHop.Core.Policies;

namespace AnHop.Core.Meetings;

/// <summary>
/// Meeting passcodes: generated to the policy's length and character classes (without look-alike characters, so
/// they can be read aloud and typed), and host-chosen ones checked against the same rules.
/// </summary>
public static class PasscodeGenerator
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "!#$%&*+-=?@^_~";

    public static string Create(MeetingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var length = Math.Clamp(policy.PasscodeMinLength, MeetingPolicy.MinPasscodeLength, MeetingPolicy.MaxPasscodeLength);
        string[] classes = policy.PasscodeCharacters switch
        {
            PasscodeCharacters.Digits => ["0123456789"],
            PasscodeCharacters.LettersAndDigits => [Lower, Upper, Digits],
            _ => [Lower, Upper, Digits, Symbols],
        };
        var all = string.Concat(classes);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            // The first characters take one of each class so every class is present; then shuffle.
            var source = i < classes.Length ? classes[i] : all;
            chars[i] = source[RandomNumberGenerator.GetInt32(source.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    /// <summary>Null when <paramref name="passcode"/> meets the policy, otherwise what it lacks (English, for the API).</summary>
    public static string? Problem(string? passcode, MeetingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (string.IsNullOrEmpty(passcode) || passcode.Length < policy.PasscodeMinLength)
        {
            return $"The passcode needs at least {policy.PasscodeMinLength} characters.";
        }

        if (passcode.Length > MeetingPolicy.MaxPasscodeLength)
        {
            return $"The passcode may have at most {MeetingPolicy.MaxPasscodeLength} characters.";
        }

        if (passcode.Any(char.IsControl) || passcode.Any(char.IsWhiteSpace))
        {
            return "The passcode may not contain spaces or control characters.";
        }

        var hasLower = passcode.Any(char.IsLower);
        var hasUpper = passcode.Any(char.IsUpper);
        var hasDigit = passcode.Any(char.IsAsciiDigit);
        var hasSymbol = passcode.Any(c => !char.IsLetterOrDigit(c));
        return policy.PasscodeCharacters switch
        {
            PasscodeCharacters.LettersAndDigits when !(hasLower && hasUpper && hasDigit) =>
                "The passcode needs lower-case letters, upper-case letters and digits.",
            PasscodeCharacters.LettersDigitsAndSymbols when !(hasLower && hasUpper && hasDigit && hasSymbol) =>
                "The passcode needs lower-case letters, upper-case letters, digits and symbols.",
            _ => null,
        };
    }
}
