using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Accounts.Data;

/// <summary>Per-account security state Identity does not keep: a forced password change and the last TOTP step used.</summary>
public sealed class AccountSecurity
{
    public Guid UserId { get; set; }

    /// <summary>Set by an administrator (or for a temporary password): only the password change works until it is done.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>The RFC 6238 time step of the last accepted code; a code for this step or an earlier one is refused.</summary>
    public long LastTotpStep { get; set; }
}

internal sealed class AccountSecurityConfiguration : IEntityTypeConfiguration<AccountSecurity>
{
    public void Configure(EntityTypeBuilder<AccountSecurity> security)
    {
        security.ToTable("AccountSecurity");
        security.HasKey(s => s.UserId);
        security.HasOne<AnHop.Server.Data.AnHopUser>().WithOne().HasForeignKey<AccountSecurity>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
