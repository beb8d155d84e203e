namespace AnHop.Core.Policies;

/// <summary>
/// Organisation → units (root first) → meeting: each level tightens the one above and can never loosen it, whatever was
/// stored at that level (an override made before the parent tightened is cut back to the parent).
/// </summary>
public static class PolicyResolver
{
    public static MeetingPolicy Resolve(MeetingPolicy organisation, IEnumerable<PolicyOverride> unitsFromRoot, PolicyOverride? meeting = null)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(unitsFromRoot);
        var effective = organisation;
        foreach (var unit in unitsFromRoot)
        {
            effective = unit.ApplyTo(effective);
        }

        return meeting is null ? effective : meeting.ApplyTo(effective);
    }
}
