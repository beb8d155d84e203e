using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Accounts.Passwords;

/// <summary>
/// The password policy (issue 5): at least 12 characters; not a common Vietnamese password; not built from the user's
/// name, e-mail or the organisation's name; a zxcvbn score of at least 3 with those as extra dictionary words; not in
/// the imported breached list; not one of the last five. Each refusal carries its own localised reason.
/// </summary>
public sealed class AnHopPasswordValidator(
    BreachedPasswords breached,
    PasswordHistory history,
    IOptions<AccountOptions> options,
    IStringLocalizer<SharedResource> text) : IPasswordValidator<AnHopUser>
{
    public const int MinimumLength = 12;
    public const int MinimumScore = 3;

    // Password parts that are not the user's own once the personal words are taken out must still be this long.
    private const int MinimumOwnPart = 8;

    public async Task<IdentityResult> ValidateAsync(UserManager<AnHopUser> manager, AnHopUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        password ??= "";
        if (password.Length < MinimumLength)
        {
            return IdentityResult.Failed(Error(PasswordErrors.TooShort, MinimumLength));
        }

        var errors = new List<IdentityError>();
        var personal = PersonalWords(user).ToList();
        if (CommonVietnamesePasswords.Matches(password))
        {
            errors.Add(Error(PasswordErrors.CommonVietnamese));
        }
        else if (IsBuiltFrom(password, personal))
        {
            errors.Add(Error(PasswordErrors.PersonalInfo));
        }
        else if (Zxcvbn.Zxcvbn.MatchPassword(password, [.. personal, .. CommonVietnamesePasswords.All]).Score < MinimumScore)
        {
            errors.Add(Error(PasswordErrors.TooWeak));
        }

        if (breached.Contains(password))
        {
            errors.Add(Error(PasswordErrors.Breached));
        }

        if (errors.Count == 0 && await history.IsReusedAsync(user, password))
        {
            errors.Add(Error(PasswordErrors.Reused, PasswordHistory.Depth));
        }

        return errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]);
    }

    private IEnumerable<string> PersonalWords(AnHopUser user)
    {
        var organisation = options.Value.OrganisationName;
        var sources = new[] { user.DisplayName, user.Email, user.UserName, organisation };
        foreach (var source in sources.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            yield return PasswordText.Fold(source);
            foreach (var word in PasswordText.Words(source))
            {
                yield return word;
            }
        }

        var localPart = user.Email?.Split('@')[0];
        if (!string.IsNullOrEmpty(localPart))
        {
            yield return PasswordText.Fold(localPart);
        }
    }

    // True when taking the personal words out of the password leaves too little of the user's own.
    private static bool IsBuiltFrom(string password, IEnumerable<string> personal)
    {
        var folded = PasswordText.Fold(password);
        var rest = folded;
        foreach (var word in personal.Where(w => w.Length >= 3).Distinct().OrderByDescending(w => w.Length))
        {
            rest = rest.Replace(word, "", StringComparison.Ordinal);
        }

        return rest.Length < folded.Length && rest.Trim("0123456789".ToCharArray()).Length < MinimumOwnPart;
    }

    private IdentityError Error(string code, params object[] arguments) =>
        new() { Code = code, Description = text[$"Account.Password.{code}", arguments] };
}

/// <summary>The codes of password refusals, answered beside the localised reasons so a client can act on them.</summary>
public static class PasswordErrors
{
    public const string TooShort = "TooShort";
    public const string CommonVietnamese = "CommonVietnamese";
    public const string PersonalInfo = "PersonalInfo";
    public const string TooWeak = "TooWeak";
    public const string Breached = "Breached";
    public const string Reused = "Reused";
}
