using AnHop.Core.Meetings;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Meetings.Directory;

public sealed class MeetingMapping : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Meetings");
        builder.Property(m => m.Code).HasMaxLength(MeetingCode.Length).IsRequired();
        builder.HasIndex(m => m.Code).IsUnique();
        builder.Property(m => m.NumericCode).HasMaxLength(10);
        builder.HasIndex(m => m.NumericCode).IsUnique();
        builder.Property(m => m.Title).HasMaxLength(Meeting.MaxTitleLength).IsRequired();
        builder.Property(m => m.Override).HasJsonConversion().IsRequired();
        builder.Property(m => m.PasscodeHash).HasMaxLength(200);
        builder.HasOne<AnHopUser>().WithMany().HasForeignKey(m => m.HostAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => m.HostAccountId);
    }
}

public sealed class InvitationMapping : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable("Invitations");
        builder.Property(i => i.Email).HasMaxLength(Invitation.MaxEmailLength).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(32).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasOne<Meeting>().WithMany().HasForeignKey(i => i.MeetingId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AnHopUser>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => i.AccountId);
    }
}
