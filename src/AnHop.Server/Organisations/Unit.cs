using AnHop.Core.Policies;

namespace AnHop.Server.Organisations;

/// <summary>A department in the organisation's tree. Its override tightens the policy of the level above.</summary>
public sealed class Unit
{
    public const int MaxNameLength = 200;

    private Unit()
    {
    }

    public Unit(Guid organisationId, Guid? parentId, string name)
    {
        Id = Guid.NewGuid();
        OrganisationId = organisationId;
        ParentId = parentId;
        Name = name;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>Null for a unit directly below the organisation.</summary>
    public Guid? ParentId { get; private set; }

    public string Name { get; private set; } = "";

    public PolicyOverride Override { get; private set; } = PolicyOverride.None;

    public void Rename(string name) => Name = name;

    public void SetOverride(PolicyOverride policy) => Override = policy;
}
