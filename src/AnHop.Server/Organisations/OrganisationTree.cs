using AnHop.Core.Policies;

namespace AnHop.Server.Organisations;

/// <summary>An organisation with all its units loaded (trees are small): ancestry, subtrees and effective policies.</summary>
public sealed class OrganisationTree(Organisation organisation, IReadOnlyList<Unit> units)
{
    private readonly Dictionary<Guid, Unit> _byId = units.ToDictionary(u => u.Id);

    public Organisation Organisation { get; } = organisation;

    public IReadOnlyList<Unit> Units { get; } = units;

    public Unit? Find(Guid id) => _byId.GetValueOrDefault(id);

    /// <summary>The units from the top of the tree down to <paramref name="unitId"/> (empty for the organisation level).</summary>
    public IReadOnlyList<Unit> ChainFromRoot(Guid? unitId)
    {
        var chain = new List<Unit>();
        var current = unitId is { } id ? Find(id) : null;
        while (current is not null && chain.Count <= _byId.Count)
        {
            chain.Add(current);
            current = current.ParentId is { } parent ? Find(parent) : null;
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>Whether <paramref name="unitId"/> is <paramref name="ancestorId"/> or below it.</summary>
    public bool IsWithin(Guid? unitId, Guid ancestorId) => ChainFromRoot(unitId).Any(u => u.Id == ancestorId);

    /// <summary>The policy that applies in a unit (organisation → its units), optionally tightened by a meeting.</summary>
    public MeetingPolicy EffectivePolicy(Guid? unitId, PolicyOverride? meeting = null) =>
        PolicyResolver.Resolve(Organisation.Policy, ChainFromRoot(unitId).Select(u => u.Override), meeting);

    /// <summary>The policy a unit's own override is checked against: everything above it.</summary>
    public MeetingPolicy ParentPolicy(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return EffectivePolicy(unit.ParentId);
    }

    public IEnumerable<Unit> ChildrenOf(Guid? parentId) => Units.Where(u => u.ParentId == parentId).OrderBy(u => u.Name, StringComparer.CurrentCulture);
}
