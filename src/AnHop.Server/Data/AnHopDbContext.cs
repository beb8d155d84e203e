using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Data;

public sealed class AnHopDbContext(DbContextOptions<AnHopDbContext> options)
    : IdentityDbContext<AnHopUser, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Each feature keeps its entities' mapping beside them as IEntityTypeConfiguration<T>; no edits here needed.
        builder.ApplyConfigurationsFromAssembly(typeof(AnHopDbContext).Assembly);
        builder.Entity<AnHopUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        });
        builder.Entity<SetupToken>(token =>
        {
            token.Property(t => t.TokenHash).HasMaxLength(32).IsRequired();
            token.HasIndex(t => t.TokenHash).IsUnique();
        });
    }
}
