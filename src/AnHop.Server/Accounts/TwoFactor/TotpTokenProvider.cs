using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace AnHop.Server.Accounts.TwoFactor;

/// <summary>
/// RFC 6238 codes (SHA-1, 6 digits, 30 s) from the user's authenticator key, accepting one step either side for clock
/// drift, and each step only once: a code seen by a shoulder-surfer or replayed from a log is refused.
/// </summary>
public sealed class TotpTokenProvider(AccountSecurityStore security, TimeProvider clock) : IUserTwoFactorTokenProvider<AnHopUser>
{
    public const string ProviderName = "AnHopTotp";

    // Identity asks authenticator providers to generate nothing: the code comes from the user's app.
    public Task<string> GenerateAsync(string purpose, UserManager<AnHopUser> manager, AnHopUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AnHopUser> manager, AnHopUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(key));
        return totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1))
            && await security.TryUseTotpStepAsync(user.Id, step);
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AnHopUser> manager, AnHopUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
    }
}
