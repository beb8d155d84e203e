using AnHop.Core.Meetings;

namespace AnHop.Server.Meetings;

/// <summary>The hub method needs a redeemed join ticket on this connection and these capabilities.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresCapabilityAttribute(Capabilities capabilities) : Attribute
{
    public Capabilities Capabilities { get; } = capabilities;
}

/// <summary>The hub method is reachable before a ticket is redeemed (only Join, which redeems one).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RedeemsTicketAttribute : Attribute;
