using AnHop.Server.Data;

namespace AnHop.Server.Accounts;

/// <summary>Which account roles carry administrative power, and so a second factor and a shorter idle timeout.</summary>
public static class AccountRoles
{
    public static IReadOnlyList<string> Administrative { get; } = [Roles.OrganisationAdmin, Roles.UnitAdmin, Roles.SecurityOfficer];

    /// <summary>VN-REQUIREMENTS #20: administrators must sign in with a second factor.</summary>
    public static bool RequiresSecondFactor(string role) => Administrative.Contains(role, StringComparer.Ordinal);
}
