using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Accounts.Data;

/// <summary>The Argon2id hash of a password the user had, so the last few cannot be chosen again.</summary>
public sealed class PasswordHistoryEntry
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class PasswordHistoryEntryConfiguration : IEntityTypeConfiguration<PasswordHistoryEntry>
{
    public void Configure(EntityTypeBuilder<PasswordHistoryEntry> entry)
    {
        entry.ToTable("PasswordHistory");
        entry.Property(e => e.PasswordHash).HasMaxLength(200).IsRequired();
        entry.HasIndex(e => new { e.UserId, e.CreatedAt });
        entry.HasOne<AnHop.Server.Data.AnHopUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
