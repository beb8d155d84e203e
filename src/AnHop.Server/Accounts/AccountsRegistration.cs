using AnHop.Server.Accounts.Passwords;
using AnHop.Server.Accounts.TwoFactor;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Accounts;

public static class AccountsRegistration
{
    /// <summary>Identity (Argon2id, lockout, AnHop's password policy and TOTP), server-side sessions and the sign-in throttles.</summary>
    public static IServiceCollection AddAnHopAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();

        services.AddIdentity<AnHopUser, IdentityRole<Guid>>(identity =>
            {
                identity.User.RequireUniqueEmail = true;
                identity.Lockout.MaxFailedAccessAttempts = 5; // VN-REQUIREMENTS #22
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AnHopDbContext>()
            .AddTokenProvider<DataProtectorTokenProvider<AnHopUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<TotpTokenProvider>(TotpTokenProvider.ProviderName);

        // AnHop's validator replaces Identity's character-class rules: length, dictionaries, breaches and history instead.
        services.RemoveAll<IPasswordValidator<AnHopUser>>();
        services.AddScoped<IPasswordValidator<AnHopUser>, AnHopPasswordValidator>();
        services.AddSingleton<IPasswordHasher<AnHopUser>, Argon2idPasswordHasher<AnHopUser>>();

        services.ConfigureApplicationCookie(cookie =>
        {
            AuthenticationCookies.ConfigureApplication(cookie);
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        });
        services.ConfigureExternalCookie(AuthenticationCookies.ConfigureOther);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, AuthenticationCookies.ConfigureOther);
        services.AddAuthorization(AuthorizationPolicies.Configure);
        services.AddRateLimiter(SignInThrottle.AddPolicies);

        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<DummyPasswordHash>();
        services.AddSingleton<BreachedPasswords>();
        services.AddScoped<PasswordHistory>();
        services.AddScoped<AccountSecurityStore>();
        services.AddScoped<UserSessions>();
        services.AddScoped<SignInFlow>();
        services.AddScoped<RecoveryCodes>();
        services.AddScoped<TotpTokenProvider>();
        return services;
    }
}
