using System.Text.Json;
using AnHop.Core.Policies;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Organisations;

/// <summary>Per-rule validation errors for policies and overrides, keyed by the rule's JSON name.</summary>
public static class PolicyValidation
{
    /// <summary>Range problems of a whole policy (null when it is valid).</summary>
    public static Dictionary<string, string[]>? RangeErrors(MeetingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = policy.Validate();
        return problems.Count == 0 ? null : new Dictionary<string, string[]> { ["policy"] = [.. problems] };
    }

    /// <summary>An override is refused when any rule loosens the parent (each named) or the result leaves the valid ranges.</summary>
    public static Dictionary<string, string[]>? OverrideErrors(PolicyOverride policy, MeetingPolicy parent, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(text);
        var errors = new Dictionary<string, string[]>();
        foreach (var rule in policy.LooseningsOf(parent))
        {
            errors[JsonNamingPolicy.CamelCase.ConvertName(rule)] = [text["Org.RuleLoosens", rule]];
        }

        var ranges = policy.ApplyTo(parent).Validate();
        if (ranges.Count > 0)
        {
            errors["policy"] = [.. ranges];
        }

        return errors.Count == 0 ? null : errors;
    }
}
