using System.Globalization;
using System.Threading.RateLimiting;
using AnHop.Core.Meetings;
using AnHop.Core.Security;
using AnHop.Server.Data;
using AnHop.Server.Organisations;
using AnHop.Server.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// <c>POST /api/admission</c>: meeting + passcode (or a personal invitation) → an admission pass for the hub's Knock.
/// Throttled per IP (middleware) and per meeting (<see cref="AdmissionThrottle"/>). Every refusal is the same 404 after
/// the same work: one Argon2id verification, against a dummy hash when there is no meeting.
/// </summary>
public static class AdmissionEndpoints
{
    public const string DeviceCookie = "anhop.device";
    public const int MaxDisplayNameLength = 100;

    public static IEndpointRouteBuilder MapAdmission(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/admission", AdmitAsync).WithTags("Meetings").WithName("AdmitToMeeting")
            .WithSummary("Checks a meeting code and passcode (or personal invitation) and issues a single-use admission pass; anonymous or signed in.")
            .Produces<AdmissionResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .Produces(StatusCodes.Status429TooManyRequests)
            .AllowAnonymous().RequireRateLimiting(AdmissionThrottle.IpPolicy).RequireAnHopRequestHeader();
        return routes;
    }

    private static async Task<IResult> AdmitAsync(
        AdmissionRequest request, HttpContext http, AnHopDbContext db, OrganisationDirectory organisations, MeetingPasscodes passcodes,
        AdmissionThrottle throttle, AdmissionPassStore passes, UniformNotFound refused, TimeProvider clock,
        IStringLocalizer<SharedResource> text, ILogger<AdmissionPassStore> logger, CancellationToken ct)
    {
        var displayName = request.DisplayName?.Trim() ?? "";
        if (displayName.Length is 0 or > MaxDisplayNameLength || displayName.Any(char.IsControl))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["displayName"] = [text["Meetings.DisplayNameInvalid", MaxDisplayNameLength]] },
                title: text["Meetings.ValidationFailed"]);
        }

        var typed = new string((request.Meeting ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToLowerInvariant();
        var meeting = await FindAsync(db, typed, ct);
        using var lease = throttle.Acquire(meeting?.Id.ToString() ?? typed);
        if (!lease.IsAcquired)
        {
            if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            }

            MeetingsLog.AdmissionThrottled(logger, "meeting");
            return TypedResults.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var tree = await organisations.LoadAsync(ct);
        var caller = await organisations.CallerAsync(http.User, ct);
        var policy = meeting is not null && tree is not null ? tree.EffectivePolicy(meeting.UnitId, meeting.Override) : null;
        if (meeting is not null && meeting.NumericCode == typed && policy?.NumericCodeAllowed != true)
        {
            meeting = null;
        }

        var invitation = await FindInvitationAsync(db, meeting, request.Invitation, caller, ct);
        var passcodeMatches = passcodes.Verify(meeting?.PasscodeHash, request.Passcode); // always one Argon2id computation
        var role = RoleOf(meeting, caller);
        if (meeting is null || policy is null || meeting.HasEnded
            || !(passcodeMatches || meeting.PasscodeHash is null || invitation is not null)
            || (role == MeetingRole.Guest && !policy.GuestsAllowed))
        {
            MeetingsLog.AdmissionRefused(logger, meeting is not null);
            return refused.Result();
        }

        if (invitation is { AccountId: null })
        {
            invitation.MarkUsed(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }

        var preAdmitted = role is MeetingRole.Host or MeetingRole.CoHost
            || (invitation is { BypassWaitingRoom: true } && policy.InviteesBypassWaitingRoom)
            || (role == MeetingRole.Participant && !policy.WaitingRoomRequired);
        var pass = new AdmissionPass(
            meeting.Id, meeting.Code, meeting.Title, displayName, role, preAdmitted, caller?.AccountId, invitation?.Id,
            DeviceId(http, caller), http.Connection.RemoteIpAddress?.ToString() ?? "", policy, passes.NewExpiry());
        var token = passes.Issue(pass);
        MeetingsLog.Admitted(logger, meeting.Id, role.ToString(), !preAdmitted);
        var hostName = await db.Users.Where(u => u.Id == meeting.HostAccountId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        return TypedResults.Ok(new AdmissionResponse(token, meeting.Title, role, Waiting: !preAdmitted, hostName));
    }

    private static async Task<Meeting?> FindAsync(AnHopDbContext db, string typed, CancellationToken ct)
    {
        if (MeetingCode.IsWellFormed(typed))
        {
            return await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Code == typed, ct);
        }

        return typed.Length == 10 && typed.All(char.IsAsciiDigit)
            ? await db.Set<Meeting>().FirstOrDefaultAsync(m => m.NumericCode == typed, ct)
            : null;
    }

    /// <summary>
    /// A usable personal invitation to this meeting: by token (bound to its account if it has one, else single-use),
    /// or, for a signed-in invitee, by their account alone (the e-mail carries no token).
    /// </summary>
    private static async Task<Invitation?> FindInvitationAsync(AnHopDbContext db, Meeting? meeting, string? token, Caller? caller, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(token))
        {
            var hash = SecretToken.Hash(token);
            var byToken = await db.Set<Invitation>().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
            if (byToken is not null && byToken.MeetingId == meeting?.Id && byToken.IsUsable
                && (byToken.AccountId is null || byToken.AccountId == caller?.AccountId))
            {
                return byToken;
            }
        }

        if (meeting is null || caller is null)
        {
            return null;
        }

        return await db.Set<Invitation>().FirstOrDefaultAsync(i => i.MeetingId == meeting.Id && i.AccountId == caller.AccountId && !i.Revoked, ct);
    }

    private static MeetingRole RoleOf(Meeting? meeting, Caller? caller) => caller switch
    {
        null => MeetingRole.Guest,
        _ when meeting?.HostAccountId == caller.AccountId => MeetingRole.Host,
        _ when meeting?.IsHostedBy(caller.AccountId) == true => MeetingRole.CoHost,
        _ => MeetingRole.Participant,
    };

    /// <summary>Guests are told apart by a random HttpOnly device cookie (bans key on it, with the IP); accounts by their ID.</summary>
    private static string DeviceId(HttpContext http, Caller? caller)
    {
        if (http.Request.Cookies.TryGetValue(DeviceCookie, out var existing) && existing.Length == SecretToken.Length
            && existing.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return existing;
        }

        if (caller is not null)
        {
            return $"account:{caller.AccountId}";
        }

        var device = SecretToken.Create();
        http.Response.Cookies.Append(DeviceCookie, device, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = http.Request.IsHttps,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(365),
        });
        return device;
    }
}
