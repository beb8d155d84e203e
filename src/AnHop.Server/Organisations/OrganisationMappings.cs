using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Organisations;

public sealed class OrganisationMapping : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Organisations");
        builder.Property(o => o.Name).HasMaxLength(Organisation.MaxNameLength).IsRequired();
        builder.Property(o => o.Policy).HasJsonConversion().IsRequired();
    }
}

public sealed class UnitMapping : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Units");
        builder.Property(u => u.Name).HasMaxLength(Unit.MaxNameLength).IsRequired();
        builder.Property(u => u.Override).HasJsonConversion().IsRequired();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MembershipMapping : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Memberships");
        builder.HasKey(m => m.AccountId);
        builder.HasOne<AnHop.Server.Data.AnHopUser>().WithOne().HasForeignKey<Membership>(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.UnitId);
    }
}
