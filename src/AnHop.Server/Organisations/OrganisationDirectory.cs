using System.Security.Claims;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Organisations;

/// <summary>Reads the organisation tree and who the caller is in it.</summary>
public sealed class OrganisationDirectory(AnHopDbContext db, UserManager<AnHopUser> users)
{
    /// <summary>The organisation this server runs (the first set up), or null before set-up.</summary>
    public async Task<OrganisationTree?> LoadAsync(CancellationToken cancellationToken)
    {
        var organisations = await db.Set<Organisation>().ToListAsync(cancellationToken);
        var organisation = organisations.OrderBy(o => o.Id).FirstOrDefault();
        if (organisation is null)
        {
            return null;
        }

        var units = await db.Set<Unit>().Where(u => u.OrganisationId == organisation.Id).ToListAsync(cancellationToken);
        return new OrganisationTree(organisation, units);
    }

    /// <summary>The caller, or null for an anonymous request or an account that no longer exists.</summary>
    public async Task<Caller?> CallerAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || !Guid.TryParse(users.GetUserId(principal), out var accountId))
        {
            return null;
        }

        var user = await users.FindByIdAsync(accountId.ToString());
        if (user is null)
        {
            return null;
        }

        var roles = await users.GetRolesAsync(user);
        var membership = await db.Set<Membership>().AsNoTracking().FirstOrDefaultAsync(m => m.AccountId == accountId, cancellationToken);
        return new Caller(accountId, membership?.UnitId, roles.Contains(Roles.OrganisationAdmin), roles.Contains(Roles.UnitAdmin));
    }
}
