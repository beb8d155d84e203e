using AnHop.Server.Data;

namespace AnHop.Server.Organisations;

/// <summary>The signed-in account asking, with its place in the organisation and its account roles.</summary>
public sealed record Caller(Guid AccountId, Guid? UnitId, bool IsOrganisationAdmin, bool IsUnitAdmin)
{
    /// <summary>Organisation admins administer every unit; a unit admin administers their own unit and everything below it.</summary>
    public bool Administers(OrganisationTree tree, Guid? unitId)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (IsOrganisationAdmin)
        {
            return true;
        }

        return IsUnitAdmin && UnitId is { } own && unitId is not null && tree.IsWithin(unitId, own);
    }

    /// <summary>Strictly below the caller's own unit (a unit admin cannot delete or re-parent the unit that defines their reach).</summary>
    public bool AdministersBelowOwnUnit(OrganisationTree tree, Guid? unitId) =>
        IsOrganisationAdmin || (Administers(tree, unitId) && unitId != UnitId);

    public static string[] RolesOf(bool organisationAdmin, bool unitAdmin) => (organisationAdmin, unitAdmin) switch
    {
        (true, _) => [Roles.OrganisationAdmin],
        (_, true) => [Roles.UnitAdmin],
        _ => [Roles.Member],
    };
}
