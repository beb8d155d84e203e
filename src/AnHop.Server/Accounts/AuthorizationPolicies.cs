using AnHop.Server.Data;
using Microsoft.AspNetCore.Authorization;

namespace AnHop.Server.Accounts;

/// <summary>
/// The named policies endpoints declare. Every endpoint states its decision (a policy or AllowAnonymous);
/// the role-matrix test fails on one that does not, and the fallback refuses anonymous callers to anything undecided.
/// </summary>
public static class AuthorizationPolicies
{
    public const string SignedIn = "SignedIn";
    public const string OrganisationAdmin = "OrganisationAdmin";
    public const string UnitAdmin = "UnitAdmin";
    public const string SecurityOfficer = "SecurityOfficer";

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var signedIn = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.FallbackPolicy = signedIn;
        options.AddPolicy(SignedIn, signedIn);
        options.AddPolicy(OrganisationAdmin, policy => policy.RequireRole(Roles.OrganisationAdmin));
        options.AddPolicy(UnitAdmin, policy => policy.RequireRole(Roles.OrganisationAdmin, Roles.UnitAdmin));
        options.AddPolicy(SecurityOfficer, policy => policy.RequireRole(Roles.OrganisationAdmin, Roles.SecurityOfficer));
    }
}
