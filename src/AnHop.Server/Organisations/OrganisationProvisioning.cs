using AnHop.Core.Policies;
using AnHop.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Organisations;

/// <summary>Used by the first-administrator set-up: the organisation exists from the start, with the secure default policy.</summary>
public static class OrganisationProvisioning
{
    public static async Task EnsureAdministratorAsync(AnHopDbContext db, Guid accountId, string? organisationName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var organisation = await db.Set<Organisation>().FirstOrDefaultAsync(cancellationToken);
        if (organisation is null)
        {
            var name = string.IsNullOrWhiteSpace(organisationName) ? Organisation.DefaultName : organisationName.Trim();
            organisation = new Organisation(name[..Math.Min(name.Length, Organisation.MaxNameLength)], MeetingPolicy.SecureDefault);
            db.Add(organisation);
        }

        db.Add(new Membership(accountId, organisation.Id, unitId: null));
        await db.SaveChangesAsync(cancellationToken);
    }
}
