using AnHop.Core.Meetings;

namespace AnHop.Server.Meetings;

/// <summary>
/// The hub method needs a participant in the room on this connection with these capabilities, read live from the room
/// on every call. <see cref="HostOnly"/>: only the meeting's host (not a co-host) may call it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresCapabilityAttribute(Capabilities capabilities) : Attribute
{
    public Capabilities Capabilities { get; } = capabilities;

    public bool HostOnly { get; init; }
}

/// <summary>
/// The hub method is reachable before admission: it checks a secret itself (an admission pass, a join ticket or a
/// rejoin token) and binds the connection to the person it names (Knock, Join, Rejoin).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class BeforeAdmissionAttribute : Attribute;
