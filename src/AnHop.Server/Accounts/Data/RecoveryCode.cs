using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Accounts.Data;

/// <summary>A single-use two-factor recovery code; only its SHA-256 hash is kept (the code carries 80 random bits).</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public byte[] CodeHash { get; set; } = [];

    public DateTimeOffset? UsedAt { get; set; }
}

internal sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> code)
    {
        code.ToTable("RecoveryCodes");
        code.Property(c => c.CodeHash).HasMaxLength(32).IsRequired();
        code.HasIndex(c => new { c.UserId, c.CodeHash }).IsUnique();
        code.HasOne<AnHop.Server.Data.AnHopUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
