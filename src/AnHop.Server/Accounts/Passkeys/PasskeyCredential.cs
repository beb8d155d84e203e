using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AnHop.Server.Accounts.Passkeys;

/// <summary>A WebAuthn credential (passkey) registered by a user as a second factor; only its public key is kept.</summary>
public sealed class PasskeyCredential
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    /// <summary>The authenticator's credential id (raw bytes).</summary>
    public byte[] CredentialId { get; set; } = [];

    /// <summary>The COSE-encoded public key.</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>The last signature counter seen; a counter that does not grow (when non-zero) hints at a cloned authenticator.</summary>
    public uint SignCount { get; set; }

    public Guid Aaguid { get; set; }

    /// <summary>Transport hints reported at registration, comma-separated ("internal,hybrid").</summary>
    public string Transports { get; set; } = "";

    public string Name { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }
}

internal sealed class PasskeyCredentialConfiguration : IEntityTypeConfiguration<PasskeyCredential>
{
    public const int MaxNameLength = 60;

    public void Configure(EntityTypeBuilder<PasskeyCredential> passkey)
    {
        passkey.ToTable("PasskeyCredentials");
        passkey.Property(p => p.CredentialId).HasMaxLength(1023).IsRequired();
        passkey.Property(p => p.PublicKey).HasMaxLength(2048).IsRequired();
        passkey.Property(p => p.Transports).HasMaxLength(200).IsRequired();
        passkey.Property(p => p.Name).HasMaxLength(MaxNameLength).IsRequired();
        passkey.HasIndex(p => p.CredentialId).IsUnique();
        passkey.HasIndex(p => p.UserId);
        passkey.HasOne<AnHop.Server.Data.AnHopUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
