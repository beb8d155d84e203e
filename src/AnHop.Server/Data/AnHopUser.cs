using Microsoft.AspNetCore.Identity;

namespace AnHop.Server.Data;

/// <summary>An account. Identity holds credentials; AnHop adds the name people see in meetings.</summary>
public sealed class AnHopUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
