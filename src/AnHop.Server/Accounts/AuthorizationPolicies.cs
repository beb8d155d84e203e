using AnHop.Server.Data;
using Microsoft.AspNetCore.Authorization;

namespace AnHop.Server.Accounts;

/// <summary>
/// The named policies endpoints declare. Every endpoint states its decision (a policy or AllowAnonymous);
/// the role-matrix test fails on one that does not, and the fallback refuses anonymous callers to anything undecided.
/// Every policy but <see cref="AccountSetup"/> also refuses a restricted session (a forced password change or an
/// administrator's missing second factor), so such a session can only finish that step.
/// </summary>
public static class AuthorizationPolicies
{
    public const string SignedIn = "SignedIn";
    public const string OrganisationAdmin = "OrganisationAdmin";
    public const string UnitAdmin = "UnitAdmin";
    public const string SecurityOfficer = "SecurityOfficer";

    /// <summary>Signed in, restricted or not: me, sign-out, the password change and second-factor set-up.</summary>
    public const string AccountSetup = "AccountSetup";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signedIn = Unrestricted().Build();
        options.FallbackPolicy = signedIn;
        options.DefaultPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        options.AddPolicy(OrganisationAdmin, Unrestricted().RequireRole(Roles.OrganisationAdmin).Build());
        options.AddPolicy(UnitAdmin, Unrestricted().RequireRole(Roles.OrganisationAdmin, Roles.UnitAdmin).Build());
        options.AddPolicy(SecurityOfficer, Unrestricted().RequireRole(Roles.OrganisationAdmin, Roles.SecurityOfficer).Build());
        options.AddPolicy(AccountSetup, policy => policy.RequireAuthenticatedUser());
    }

    private static AuthorizationPolicyBuilder Unrestricted() =>
        new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireAssertion(context => !context.User.HasClaim(c => c.Type == AccountClaims.Restriction));
}
