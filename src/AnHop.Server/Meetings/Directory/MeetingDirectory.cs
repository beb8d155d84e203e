using System.Globalization;
using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Data;
using AnHop.Server.Email;
using AnHop.Server.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AnHop.Server.Meetings.Directory;

/// <summary>Meeting look-ups by host, effective policies, and personal invitations with their e-mails.</summary>
public sealed class MeetingDirectory(
    AnHopDbContext db,
    UserManager<AnHopUser> users,
    MeetingLinks links,
    InvitationMailer mailer,
    TimeProvider clock,
    ILogger<MeetingDirectory> logger)
{
    /// <summary>Codes are lower-case base32; anything else names no meeting.</summary>
    public static string? NormaliseCode(string? code)
    {
        var normalised = code?.Trim().ToLowerInvariant();
        return MeetingCode.IsWellFormed(normalised) ? normalised : null;
    }

    /// <summary>The meeting if the caller hosts it (or co-hosts it, where allowed); null otherwise, whether or not it exists.</summary>
    public async Task<Meeting?> FindHostedAsync(string? code, Caller caller, bool coHostsToo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (NormaliseCode(code) is not { } normalised)
        {
            return null;
        }

        var meeting = await db.Set<Meeting>().FirstOrDefaultAsync(m => m.Code == normalised, ct);
        if (meeting is null)
        {
            return null;
        }

        return meeting.HostAccountId == caller.AccountId || (coHostsToo && meeting.IsHostedBy(caller.AccountId)) ? meeting : null;
    }

    public static bool MayHost(Caller caller, MeetingPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(policy);
        return policy.WhoMayHost switch
        {
            HostPermission.Members => true,
            HostPermission.UnitAdmins => caller.IsUnitAdmin || caller.IsOrganisationAdmin,
            _ => caller.IsOrganisationAdmin,
        };
    }

    public MeetingResponse ToResponse(HttpRequest request, Meeting meeting, OrganisationTree tree, Guid callerId)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(tree);
        var relation = meeting.HostAccountId == callerId ? "host" : meeting.IsHostedBy(callerId) ? "coHost" : "invited";
        return new MeetingResponse(
            meeting.Code, links.Meeting(request, meeting.Code), meeting.Title, meeting.NumericCode, meeting.StartsAt, meeting.DurationMinutes,
            meeting.UnitId, meeting.HostAccountId, meeting.CoHostAccountIds, meeting.Override, tree.EffectivePolicy(meeting.UnitId, meeting.Override),
            meeting.PasscodeHash is not null, meeting.CreatedAt, meeting.EndedAt, meeting.LinkVersion, relation);
    }

    /// <summary>A fresh 10-digit code no other meeting uses.</summary>
    public async Task<string> NewNumericCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = MeetingCode.CreateNumeric();
            if (!await db.Set<Meeting>().AnyAsync(m => m.NumericCode == code, ct))
            {
                return code;
            }
        }
    }

    /// <summary>
    /// Creates one invitation per address (bound to the account with that e-mail, if any), saves them and e-mails each
    /// invitee the plain meeting link. The personal links, with their tokens, are answered to the host only.
    /// </summary>
    public async Task<List<InvitationLink>> InviteAsync(
        HttpRequest request, Meeting meeting, IEnumerable<(string Email, bool Bypass)> invitees, bool isUpdate, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(invitees);
        var now = clock.GetUtcNow();
        var created = new List<(Invitation Invitation, string Token, AnHopUser? Account)>();
        foreach (var (email, bypass) in invitees)
        {
            var account = await users.FindByEmailAsync(email);
            var (invitation, token) = Invitation.Create(meeting.Id, email, account?.Id, bypass, now);
            db.Add(invitation);
            created.Add((invitation, token, account));
        }

        await db.SaveChangesAsync(ct);
        MeetingsLog.InvitationsIssued(logger, meeting.Id, created.Count);
        foreach (var (invitation, _, account) in created)
        {
            await SendAsync(request, meeting, invitation, account?.DisplayName, isUpdate, ct);
        }

        return [.. created.Select(c => new InvitationLink(c.Invitation.Id, c.Invitation.Email, c.Invitation.AccountId is not null,
            links.Personal(request, meeting.Code, c.Token)))];
    }

    /// <summary>Tells every invitee still invited that the meeting changed (a calendar update with a higher sequence).</summary>
    public async Task NotifyUpdateAsync(HttpRequest request, Meeting meeting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var invitations = await db.Set<Invitation>().Where(i => i.MeetingId == meeting.Id && !i.Revoked).ToListAsync(ct);
        foreach (var invitation in invitations)
        {
            await SendAsync(request, meeting, invitation, toName: null, isUpdate: true, ct);
        }
    }

    public async Task<string> CalendarAsync(HttpRequest request, Meeting meeting, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var host = await users.FindByIdAsync(meeting.HostAccountId.ToString());
        return MeetingCalendar.ToICalendar(new CalendarEvent(
            CalendarUid(meeting), meeting.CalendarSequence, meeting.Title, Description: null, meeting.StartsAt ?? meeting.CreatedAt,
            TimeSpan.FromMinutes(meeting.DurationMinutes ?? 60), links.Meeting(request, meeting.Code), host?.DisplayName ?? "", host?.Email));
    }

    private async Task SendAsync(HttpRequest request, Meeting meeting, Invitation invitation, string? toName, bool isUpdate, CancellationToken ct)
    {
        var host = await users.FindByIdAsync(meeting.HostAccountId.ToString());
        var email = new MeetingInvitationEmail(
            invitation.Email, toName, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, meeting.Title, host?.DisplayName ?? "",
            meeting.StartsAt, meeting.DurationMinutes, links.Meeting(request, meeting.Code), CalendarUid(meeting), meeting.CalendarSequence, isUpdate);
        try
        {
            await mailer.SendAsync(email, ct);
        }
        catch (EmailDeliveryException)
        {
            // The invitation stands; the host still has the personal link to pass on.
            MeetingsLog.InvitationNotSent(logger, meeting.Id, invitation.Id);
        }
    }

    private static string CalendarUid(Meeting meeting) => $"{meeting.Id:N}@anhop";
}
