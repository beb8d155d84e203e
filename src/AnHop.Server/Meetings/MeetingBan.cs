using AnHop.Core.Meetings.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Meetings;

/// <summary>
/// A ban the host placed in one meeting, kept so it survives the live room (a restart, the room closing and opening
/// again): by account, or for a guest by device cookie and IP address.
/// </summary>
public sealed class MeetingBan
{
    public Guid Id { get; set; }

    public Guid MeetingId { get; set; }

    public Guid? AccountId { get; set; }

    public string? DeviceId { get; set; }

    public string? IpAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public MeetingBanRule ToRule() => new(AccountId, DeviceId, IpAddress);
}

internal sealed class MeetingBanConfiguration : IEntityTypeConfiguration<MeetingBan>
{
    public void Configure(EntityTypeBuilder<MeetingBan> builder)
    {
        builder.ToTable("MeetingBans");
        builder.Property(b => b.DeviceId).HasMaxLength(64);
        builder.Property(b => b.IpAddress).HasMaxLength(45);
        builder.HasIndex(b => b.MeetingId);
    }
}
