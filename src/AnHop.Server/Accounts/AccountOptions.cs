using Microsoft.Extensions.Options;

namespace AnHop.Server.Accounts;

/// <summary>Account settings, configuration section "AnHop:Accounts" (e.g. <c>--AnHop:Accounts:SignInPermitsPerIpPerMinute=20</c>).</summary>
public sealed class AccountOptions
{
    public const string Section = "AnHop:Accounts";

    /// <summary>Sign-in and second-step attempts one IP address may make per minute.</summary>
    public int SignInPermitsPerIpPerMinute { get; set; } = 10;

    /// <summary>Sign-in attempts per minute for one account (by normalised e-mail), from any number of addresses.</summary>
    public int SignInPermitsPerAccountPerMinute { get; set; } = 5;

    /// <summary>VN-REQUIREMENTS #23: an administrator's session ends after this long without a request (members: the cookie's 15 minutes).</summary>
    public TimeSpan AdminIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The organisation's name, fed to the password-strength estimator so it is not accepted as a password.</summary>
    public string OrganisationName { get; set; } = "";
}

public sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountOptions options)
    {
        var failures = new List<string>();
        if (options.SignInPermitsPerIpPerMinute is < 1 or > 10_000)
        {
            failures.Add($"{AccountOptions.Section}:{nameof(AccountOptions.SignInPermitsPerIpPerMinute)} must be between 1 and 10000.");
        }

        if (options.SignInPermitsPerAccountPerMinute is < 1 or > 10_000)
        {
            failures.Add($"{AccountOptions.Section}:{nameof(AccountOptions.SignInPermitsPerAccountPerMinute)} must be between 1 and 10000.");
        }

        if (options.AdminIdleTimeout < TimeSpan.FromMinutes(1) || options.AdminIdleTimeout > AuthenticationCookies.IdleTimeout)
        {
            failures.Add($"{AccountOptions.Section}:{nameof(AccountOptions.AdminIdleTimeout)} must be between 00:01:00 and {AuthenticationCookies.IdleTimeout}.");
        }

        if (options.OrganisationName.Length > 200)
        {
            failures.Add($"{AccountOptions.Section}:{nameof(AccountOptions.OrganisationName)} must be at most 200 characters.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
