namespace AnHop.Core.Policies;

/// <summary>Which accounts may create and host meetings, from the loosest to the strictest.</summary>
public enum HostPermission
{
    Members = 0,
    UnitAdmins = 1,
    OrganisationAdmins = 2,
}
