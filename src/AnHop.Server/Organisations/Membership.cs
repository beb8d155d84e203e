namespace AnHop.Server.Organisations;

/// <summary>Where an account sits: one organisation, and one unit of it (none for the organisation level).</summary>
public sealed class Membership
{
    private Membership()
    {
    }

    public Membership(Guid accountId, Guid organisationId, Guid? unitId)
    {
        AccountId = accountId;
        OrganisationId = organisationId;
        UnitId = unitId;
    }

    public Guid AccountId { get; private set; }

    public Guid OrganisationId { get; private set; }

    public Guid? UnitId { get; private set; }

    public void MoveTo(Guid? unitId) => UnitId = unitId;
}
