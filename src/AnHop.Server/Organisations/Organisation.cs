using AnHop.Core.Policies;

namespace AnHop.Server.Organisations;

/// <summary>The agency running this server. It sets the whole meeting policy; its units may only tighten it.</summary>
public sealed class Organisation
{
    public const int MaxNameLength = 200;
    public const string DefaultName = "AnHop";

    private Organisation()
    {
    }

    public Organisation(string name, MeetingPolicy policy)
    {
        Id = Guid.NewGuid();
        Name = name;
        Policy = policy;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public MeetingPolicy Policy { get; private set; } = MeetingPolicy.SecureDefault;

    public void Rename(string name) => Name = name;

    public void SetPolicy(MeetingPolicy policy) => Policy = policy;
}
