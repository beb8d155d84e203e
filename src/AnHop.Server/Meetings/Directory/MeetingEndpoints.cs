using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Accounts;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// Meetings for their hosts (docs/PROTOCOL.md, "Meetings"). A meeting someone does not host answers 404, exactly like
/// one that does not exist.
/// </summary>
public static class MeetingEndpoints
{
    public static IEndpointRouteBuilder MapMeetings(this IEndpointRouteBuilder routes)
    {
        var meetings = routes.MapGroup("/api/meetings").WithTags("Meetings").RequireAuthorization(AuthorizationPolicies.SignedIn);
        meetings.MapPost("", CreateAsync).WithName("CreateMeeting")
            .WithSummary("Creates a scheduled or instant meeting; the passcode is shown once, in this answer.").RequireAnHopRequestHeader();
        meetings.MapGet("", ListAsync).WithName("ListMeetings").WithSummary("The meetings the caller hosts, co-hosts or is invited to.");
        meetings.MapGet("/{code}", GetAsync).WithName("GetMeeting").WithSummary("One meeting, for its host and co-hosts.");
        meetings.MapPatch("/{code}", UpdateAsync).WithName("UpdateMeeting")
            .WithSummary("Changes title, schedule, co-hosts or the meeting's policy override (host only); invitees get a calendar update.")
            .RequireAnHopRequestHeader();
        meetings.MapDelete("/{code}", EndAsync).WithName("EndMeeting")
            .WithSummary("Ends or cancels the meeting (host only): invitations and admission passes are revoked.").RequireAnHopRequestHeader();
        meetings.MapPost("/{code}/rotate", RotateAsync).WithName("RotateMeeting")
            .WithSummary("\"Link leaked\": a new code, link and passcode at once; old invitations and passes revoked, personal invitations re-sent.")
            .RequireAnHopRequestHeader();
        meetings.MapGet("/{code}/calendar.ics", CalendarAsync).WithName("GetMeetingCalendar")
            .WithSummary("The meeting as an iCalendar invitation (host and co-hosts).").Produces<string>(contentType: "text/calendar");
        return routes;
    }

    private static async Task<Results<Created<MeetingSecretsResponse>, NotFound, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateMeetingRequest request, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings,
        MeetingPasscodes passcodes, MeetingLinks links, AnHopDbContext db, TimeProvider clock,
        IStringLocalizer<SharedResource> text, ILogger<Meeting> logger, CancellationToken ct)
    {
        var tree = await organisations.LoadAsync(ct);
        var caller = await organisations.CallerAsync(http.User, ct);
        if (tree is null || caller is null || (request.UnitId is { } requested && tree.Find(requested) is null))
        {
            return TypedResults.NotFound();
        }

        var unitId = request.UnitId ?? caller.UnitId;
        if ((unitId != caller.UnitId && !caller.Administers(tree, unitId)) || !MeetingDirectory.MayHost(caller, tree.EffectivePolicy(unitId)))
        {
            return TypedResults.Problem(title: text["Meetings.MayNotHost"], statusCode: StatusCodes.Status403Forbidden);
        }

        var policyOverride = request.Policy ?? PolicyOverride.None;
        var errors = PolicyValidation.OverrideErrors(policyOverride, tree.EffectivePolicy(unitId), text) ?? [];
        var policy = tree.EffectivePolicy(unitId, policyOverride);
        AddTitleAndScheduleErrors(errors, request.Title, request.StartsAt, request.DurationMinutes, policy, clock, text);
        if (request.Passcode is not null && PasscodeGenerator.Problem(request.Passcode, policy) is { } problem)
        {
            errors["passcode"] = [problem];
        }

        if (request.NumericCode == true && !policy.NumericCodeAllowed)
        {
            errors["numericCode"] = [text["Meetings.NumericCodeNotAllowed"]];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: text["Meetings.ValidationFailed"]);
        }

        var duration = request.DurationMinutes ?? (request.StartsAt is null ? null : Math.Min(60, policy.MaxDurationMinutes));
        var meeting = new Meeting(request.Title!.Trim(), caller.AccountId, unitId, policyOverride, request.StartsAt, duration, clock.GetUtcNow());
        var passcode = request.Passcode ?? (policy.PasscodeRequired ? PasscodeGenerator.Create(policy) : null);
        meeting.SetPasscodeHash(passcode is null ? null : passcodes.Hash(passcode));
        if (request.NumericCode == true)
        {
            meeting.SetNumericCode(await meetings.NewNumericCodeAsync(ct));
        }

        db.Add(meeting);
        await db.SaveChangesAsync(ct);
        MeetingsLog.MeetingCreated(logger, meeting.Id, caller.AccountId);
        return TypedResults.Created($"/api/meetings/{meeting.Code}",
            new MeetingSecretsResponse(meeting.Code, links.Meeting(http.Request, meeting.Code), passcode, meeting.NumericCode, []));
    }

    private static async Task<Results<Ok<List<MeetingResponse>>, NotFound>> ListAsync(
        HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, AnHopDbContext db, CancellationToken ct)
    {
        var tree = await organisations.LoadAsync(ct);
        var caller = await organisations.CallerAsync(http.User, ct);
        if (tree is null || caller is null)
        {
            return TypedResults.NotFound();
        }

        var me = caller.AccountId;
        var invited = db.Set<Invitation>().Where(i => i.AccountId == me && !i.Revoked).Select(i => i.MeetingId);
        var found = await db.Set<Meeting>()
            .Where(m => m.HostAccountId == me || m.CoHostAccountIds.Contains(me) || invited.Contains(m.Id))
            .ToListAsync(ct);
        return TypedResults.Ok(found
            .OrderByDescending(m => m.StartsAt ?? m.CreatedAt)
            .Select(m => meetings.ToResponse(http.Request, m, tree, me))
            .ToList());
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound>> GetAsync(
        string code, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, CancellationToken ct)
    {
        var (tree, caller, meeting) = await FindAsync(code, coHostsToo: true, http, organisations, meetings, ct);
        return tree is null || caller is null || meeting is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(meetings.ToResponse(http.Request, meeting, tree, caller.AccountId));
    }

    private static async Task<Results<Ok<MeetingResponse>, NotFound, ProblemHttpResult, ValidationProblem>> UpdateAsync(
        string code, UpdateMeetingRequest request, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings,
        AnHopDbContext db, UserManager<AnHopUser> users, TimeProvider clock, IStringLocalizer<SharedResource> text,
        ILogger<Meeting> logger, CancellationToken ct)
    {
        var (tree, caller, meeting) = await FindAsync(code, coHostsToo: false, http, organisations, meetings, ct);
        if (tree is null || caller is null || meeting is null)
        {
            return TypedResults.NotFound();
        }

        if (meeting.HasEnded)
        {
            return TypedResults.Problem(title: text["Meetings.Ended"], statusCode: StatusCodes.Status409Conflict);
        }

        var policyOverride = request.Policy ?? meeting.Override;
        var errors = PolicyValidation.OverrideErrors(policyOverride, tree.EffectivePolicy(meeting.UnitId), text) ?? [];
        var policy = tree.EffectivePolicy(meeting.UnitId, policyOverride);
        var title = request.Title ?? meeting.Title;
        var startsAt = request.StartsAt ?? meeting.StartsAt;
        var duration = request.DurationMinutes ?? meeting.DurationMinutes;
        AddTitleAndScheduleErrors(errors, title, request.StartsAt, duration, policy, clock, text);
        var coHosts = request.CoHosts ?? [.. meeting.CoHostAccountIds];
        foreach (var id in coHosts.Distinct())
        {
            if (await users.FindByIdAsync(id.ToString()) is null)
            {
                errors["coHosts"] = [text["Meetings.CoHostUnknown", id]];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: text["Meetings.ValidationFailed"]);
        }

        meeting.Update(title.Trim(), startsAt, duration, policyOverride, coHosts);
        await db.SaveChangesAsync(ct);
        MeetingsLog.MeetingUpdated(logger, meeting.Id, caller.AccountId);
        await meetings.NotifyUpdateAsync(http.Request, meeting, ct);
        return TypedResults.Ok(meetings.ToResponse(http.Request, meeting, tree, caller.AccountId));
    }

    private static async Task<Results<NoContent, NotFound>> EndAsync(
        string code, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, AnHopDbContext db,
        AdmissionPassStore passes, TimeProvider clock, ILogger<Meeting> logger, CancellationToken ct)
    {
        var (_, caller, meeting) = await FindAsync(code, coHostsToo: false, http, organisations, meetings, ct);
        if (caller is null || meeting is null)
        {
            return TypedResults.NotFound();
        }

        meeting.End(clock.GetUtcNow());
        await db.Set<Invitation>().Where(i => i.MeetingId == meeting.Id && !i.Revoked).ForEachAsync(i => i.Revoke(), ct);
        await db.SaveChangesAsync(ct);
        passes.RevokeMeeting(meeting.Id);
        MeetingsLog.MeetingEnded(logger, meeting.Id, caller.AccountId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MeetingSecretsResponse>, NotFound, ProblemHttpResult, ValidationProblem>> RotateAsync(
        string code, RotateRequest? request, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings,
        MeetingPasscodes passcodes, MeetingLinks links, AnHopDbContext db, AdmissionPassStore passes,
        IStringLocalizer<SharedResource> text, ILogger<Meeting> logger, CancellationToken ct)
    {
        var (tree, caller, meeting) = await FindAsync(code, coHostsToo: false, http, organisations, meetings, ct);
        if (tree is null || caller is null || meeting is null)
        {
            return TypedResults.NotFound();
        }

        if (meeting.HasEnded)
        {
            return TypedResults.Problem(title: text["Meetings.Ended"], statusCode: StatusCodes.Status409Conflict);
        }

        var policy = tree.EffectivePolicy(meeting.UnitId, meeting.Override);
        if (request?.Passcode is { } chosen && PasscodeGenerator.Problem(chosen, policy) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["passcode"] = [problem] }, title: text["Meetings.ValidationFailed"]);
        }

        // One act: the new code and passcode, every old invitation revoked and the passes issued under the old link gone.
        var passcode = request?.Passcode ?? PasscodeGenerator.Create(policy);
        meeting.Rotate();
        meeting.SetPasscodeHash(passcodes.Hash(passcode));
        meeting.SetNumericCode(meeting.NumericCode is not null && policy.NumericCodeAllowed ? await meetings.NewNumericCodeAsync(ct) : null);
        var old = await db.Set<Invitation>().Where(i => i.MeetingId == meeting.Id && !i.Revoked).ToListAsync(ct);
        foreach (var invitation in old)
        {
            invitation.Revoke();
        }

        await db.SaveChangesAsync(ct);
        var revokedPasses = passes.RevokeMeeting(meeting.Id);
        MeetingsLog.MeetingRotated(logger, meeting.Id, caller.AccountId, old.Count, revokedPasses);
        var reissued = await meetings.InviteAsync(http.Request, meeting, old.Select(i => (i.Email, i.BypassWaitingRoom)), isUpdate: true, ct);
        return TypedResults.Ok(new MeetingSecretsResponse(meeting.Code, links.Meeting(http.Request, meeting.Code), passcode, meeting.NumericCode, reissued));
    }

    private static async Task<Results<ContentHttpResult, NotFound>> CalendarAsync(
        string code, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, CancellationToken ct)
    {
        var (_, caller, meeting) = await FindAsync(code, coHostsToo: true, http, organisations, meetings, ct);
        if (caller is null || meeting is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Text(await meetings.CalendarAsync(http.Request, meeting, ct), "text/calendar; charset=utf-8");
    }

    internal static async Task<(OrganisationTree? Tree, Caller? Caller, Meeting? Meeting)> FindAsync(
        string code, bool coHostsToo, HttpContext http, OrganisationDirectory organisations, MeetingDirectory meetings, CancellationToken ct)
    {
        var tree = await organisations.LoadAsync(ct);
        var caller = await organisations.CallerAsync(http.User, ct);
        var meeting = caller is null ? null : await meetings.FindHostedAsync(code, caller, coHostsToo, ct);
        return (tree, caller, meeting);
    }

    private static void AddTitleAndScheduleErrors(
        Dictionary<string, string[]> errors, string? title, DateTimeOffset? startsAt, int? durationMinutes, MeetingPolicy policy,
        TimeProvider clock, IStringLocalizer text)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > Meeting.MaxTitleLength)
        {
            errors["title"] = [text["Meetings.TitleInvalid", Meeting.MaxTitleLength]];
        }

        if (startsAt is { } start && start < clock.GetUtcNow() - TimeSpan.FromHours(1))
        {
            errors["startsAt"] = [text["Meetings.StartsInPast"]];
        }

        if (durationMinutes is { } minutes && (minutes < 1 || minutes > policy.MaxDurationMinutes))
        {
            errors["durationMinutes"] = [text["Meetings.DurationInvalid", policy.MaxDurationMinutes]];
        }
    }
}
