namespace AnHop.Core.Policies;

/// <summary>Who may share a screen, from the loosest to the strictest (a unit may only move down this list).</summary>
public enum ScreenSharePolicy
{
    /// <summary>Every admitted participant; the host may still revoke it per person.</summary>
    Everyone = 0,

    /// <summary>Hosts and co-hosts, and whoever the host allows (the default).</summary>
    HostsAndGranted = 1,

    /// <summary>Hosts and co-hosts only; the host cannot grant it.</summary>
    HostsOnly = 2,
}
