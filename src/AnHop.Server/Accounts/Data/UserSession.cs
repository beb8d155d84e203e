using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Accounts.Data;

/// <summary>
/// A signed-in browser. Its id travels as a claim in the (encrypted) sign-in cookie and is checked on every
/// request, so revoking the row signs that browser out at its next request.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public string IpAddress { get; set; } = "";

    public string UserAgent { get; set; } = "";

    public DateTimeOffset? RevokedAt { get; set; }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> session)
    {
        session.ToTable("UserSessions");
        session.Property(s => s.IpAddress).HasMaxLength(45).IsRequired();
        session.Property(s => s.UserAgent).HasMaxLength(256).IsRequired();
        session.HasIndex(s => s.UserId);
        session.HasOne<AnHop.Server.Data.AnHopUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
