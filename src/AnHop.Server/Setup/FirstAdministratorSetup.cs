using AnHop.Core.Security;
using AnHop.Server.Data;
using AnHop.Server.Hosting;
using AnHop.Server.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Setup;

/// <summary>
/// Creates the first administrator once, safely: while no administrator exists, each start issues a fresh
/// random token (256 bits), prints a one-time link carrying it in the URL fragment, and stores only its hash.
/// Using it creates the administrator and deletes every token; there is never a default password.
/// </summary>
public sealed class FirstAdministratorSetup(
    AnHopDbContext db,
    UserManager<AnHopUser> users,
    RoleManager<IdentityRole<Guid>> roles,
    TimeProvider clock,
    ILogger<FirstAdministratorSetup> logger)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    public async Task<bool> IsNeededAsync(CancellationToken cancellationToken = default) =>
        !await db.UserRoles.AnyAsync(
            ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.OrganisationAdmin), cancellationToken);

    /// <summary>Replaces any earlier token with a new one and returns it (the only time it exists in clear).</summary>
    public async Task<string> IssueTokenAsync(CancellationToken cancellationToken = default)
    {
        var token = SecretToken.Create();
        var now = clock.GetUtcNow();
        db.SetupTokens.RemoveRange(db.SetupTokens);
        db.SetupTokens.Add(new SetupToken { TokenHash = SecretToken.Hash(token), CreatedAt = now, ExpiresAt = now + TokenLifetime });
        await db.SaveChangesAsync(cancellationToken);
        Log.SetupTokenIssued(logger, now + TokenLifetime);
        return token;
    }

    /// <summary>Checks the token (by hash, so the comparison reveals nothing) and creates the administrator.</summary>
    public async Task<SetupOutcome> CompleteAsync(string token, string email, string displayName, string password, string? organisationName = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var stored = await db.SetupTokens.AsNoTracking().ToListAsync(cancellationToken);
        var match = stored.FirstOrDefault(t => SecretToken.Matches(token, t.TokenHash));
        if (match is null || match.ExpiresAt <= now || !await IsNeededAsync(cancellationToken))
        {
            Log.SetupTokenRefused(logger);
            return SetupOutcome.InvalidToken;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var user = new AnHopUser { UserName = email, Email = email, DisplayName = displayName, CreatedAt = now, EmailConfirmed = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return SetupOutcome.Rejected(created.Errors.Select(e => e.Description).ToArray());
        }

        await users.AddToRoleAsync(user, Roles.OrganisationAdmin);
        await OrganisationProvisioning.EnsureAdministratorAsync(db, user.Id, organisationName, cancellationToken);
        await db.SetupTokens.ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Log.FirstAdministratorCreated(logger, user.Id);
        return SetupOutcome.Created;
    }
}

public sealed record SetupOutcome(bool Succeeded, bool TokenInvalid, IReadOnlyList<string> Errors)
{
    public static SetupOutcome Created { get; } = new(true, false, []);

    public static SetupOutcome InvalidToken { get; } = new(false, true, []);

    public static SetupOutcome Rejected(IReadOnlyList<string> errors) => new(false, false, errors);
}
