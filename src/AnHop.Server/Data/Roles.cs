namespace AnHop.Server.Data;

/// <summary>Account roles (DESIGN §3). Meeting roles (host, co-host, guest) live in AnHop.Core.</summary>
public static class Roles
{
    public const string OrganisationAdmin = "OrganisationAdmin";
    public const string UnitAdmin = "UnitAdmin";
    public const string SecurityOfficer = "SecurityOfficer";
    public const string Member = "Member";

    public static IReadOnlyList<string> All { get; } = [OrganisationAdmin, UnitAdmin, SecurityOfficer, Member];
}
