namespace AnHop.Server.Accounts.Passkeys;

public static class PasskeysRegistration
{
    /// <summary>Passkeys (WebAuthn through Fido2) as a second factor: the store and the pending ceremonies.</summary>
    public static IServiceCollection AddAnHopPasskeys(this IServiceCollection services)
    {
        services.AddScoped<PasskeyStore>();
        services.AddSingleton<PasskeyChallenges>();
        return services;
    }

    /// <summary>/api/account/passkeys… (registration, list, removal) and /api/account/sign-in/passkey… (the second step).</summary>
    public static IEndpointRouteBuilder MapPasskeys(this IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapGroup("/api/account").MapPasskeyRegistration().MapPasskeySignIn();
        return routes;
    }
}
