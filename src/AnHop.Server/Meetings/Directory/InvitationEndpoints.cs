using System.ComponentModel.DataAnnotations;
using AnHop.Server.Accounts;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Meetings.Directory;

/// <summary>Personal invitations, for the meeting's host and co-hosts.</summary>
public static class InvitationEndpoints
{
    public const int MaxPerRequest = 100;

    public static IEndpointRouteBuilder MapInvitations(this IEndpointRouteBuilder routes)
    {
        var invitations = routes.MapGroup("/api/meetings/{code}/invitations").WithTags("Meetings")
            .RequireAuthorization(AuthorizationPolicies.SignedIn);
        invitations.MapPost("", InviteAsync).WithName("InviteToMeeting")
            .WithSummary("Invites people by e-mail: one personal link each (bound to their account, or a single-use token), and an e-mail without passcode or token.")
            .RequireAnHopRequestHeader();
        invitations.MapGet("", ListAsync).WithName("ListInvitations").WithSummary("The meeting's invitations (never their tokens).");
        invitations.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeInvitation").WithSummary("Revokes one invitation.")
            .RequireAnHopRequestHeader();
        return routes;
    }

    private static async Task<Results<Ok<List<InvitationLink>>, NotFound, ProblemHttpResult, ValidationProblem>> InviteAsync(
        string code, InviteRequest request, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var (_, caller, meeting) = await MeetingEndpoints.FindAsync(code, coHostsToo: true, http, organisations, meetings, ct);
        if (caller is null || meeting is null)
        {
            return TypedResults.NotFound();
        }

        if (meeting.HasEnded)
        {
            return TypedResults.Problem(title: text["Meetings.Ended"], statusCode: StatusCodes.Status409Conflict);
        }

        var emails = (request.Emails ?? []).Select(e => e?.Trim() ?? "").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var checker = new EmailAddressAttribute();
        var invalid = emails.Where(e => e.Length is 0 or > Invitation.MaxEmailLength || !checker.IsValid(e)).ToList();
        if (emails.Count is 0 or > MaxPerRequest || invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["emails"] = [text["Meetings.EmailsInvalid", MaxPerRequest]] },
                title: text["Meetings.ValidationFailed"]);
        }

        var bypass = request.BypassWaitingRoom ?? true;
        return TypedResults.Ok(await meetings.InviteAsync(http.Request, meeting, emails.Select(e => (e, bypass)), isUpdate: false, ct));
    }

    private static async Task<Results<Ok<List<InvitationResponse>>, NotFound>> ListAsync(
        string code, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, AnHopDbContext db, CancellationToken ct)
    {
        var (_, caller, meeting) = await MeetingEndpoints.FindAsync(code, coHostsToo: true, http, organisations, meetings, ct);
        if (caller is null || meeting is null)
        {
            return TypedResults.NotFound();
        }

        var invitations = await db.Set<Invitation>().AsNoTracking().Where(i => i.MeetingId == meeting.Id).ToListAsync(ct);
        return TypedResults.Ok(invitations.OrderBy(i => i.CreatedAt)
            .Select(i => new InvitationResponse(i.Id, i.Email, i.AccountId is not null, i.BypassWaitingRoom, i.CreatedAt, i.UsedAt, i.Revoked))
            .ToList());
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(
        string code, Guid id, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, AnHopDbContext db,
        ILogger<Invitation> logger, CancellationToken ct)
    {
        var (_, caller, meeting) = await MeetingEndpoints.FindAsync(code, coHostsToo: true, http, organisations, meetings, ct);
        var invitation = meeting is null ? null : await db.Set<Invitation>().FirstOrDefaultAsync(i => i.Id == id && i.MeetingId == meeting.Id, ct);
        if (caller is null || meeting is null || invitation is null)
        {
            return TypedResults.NotFound();
        }

        invitation.Revoke();
        await db.SaveChangesAsync(ct);
        MeetingsLog.InvitationRevoked(logger, meeting.Id, invitation.Id);
        return TypedResults.NoContent();
    }
}
