using AnHop.Core.Policies;

namespace AnHop.Server.Organisations;

public sealed record OrganisationResponse(Guid Id, string Name, MeetingPolicy Policy, IReadOnlyList<UnitNode> Units);

/// <summary>A unit in the tree with its own override (the rules it tightens) and its sub-units.</summary>
public sealed record UnitNode(Guid Id, Guid? ParentId, string Name, PolicyOverride Policy, IReadOnlyList<UnitNode> Children);

public sealed record UnitResponse(Guid Id, Guid? ParentId, string Name, PolicyOverride Policy);

public sealed record EffectivePolicyResponse(Guid UnitId, MeetingPolicy Policy);

public sealed record RenameRequest(string? Name);

public sealed record CreateUnitRequest(Guid? ParentId, string? Name);

public sealed record AssignAccountRequest(Guid? UnitId, string? Role);

public sealed record MembershipResponse(Guid AccountId, Guid? UnitId, string Role);
