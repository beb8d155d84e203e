using AnHop.Core.Meetings;
using AnHop.Core.Policies;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// A scheduled or instant meeting. Its code (130 random bits) is the link; the passcode is kept only as an Argon2id
/// hash. Rotation ("link leaked") replaces both at once and bumps <see cref="LinkVersion"/>.
/// </summary>
public sealed class Meeting
{
    public const int MaxTitleLength = 200;

    private Meeting()
    {
    }

    public Meeting(string title, Guid hostAccountId, Guid? unitId, PolicyOverride policy, DateTimeOffset? startsAt, int? durationMinutes, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        Code = MeetingCode.Create();
        Title = title;
        HostAccountId = hostAccountId;
        UnitId = unitId;
        Override = policy;
        StartsAt = startsAt;
        DurationMinutes = durationMinutes;
        CreatedAt = now;
        LinkVersion = 1;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; } = "";

    /// <summary>A 10-digit code for typing, only where the effective policy allows it.</summary>
    public string? NumericCode { get; private set; }

    public string Title { get; private set; } = "";

    public Guid HostAccountId { get; private set; }

    public List<Guid> CoHostAccountIds { get; private set; } = [];

    public Guid? UnitId { get; private set; }

    public PolicyOverride Override { get; private set; } = PolicyOverride.None;

    /// <summary>Null when the meeting needs no passcode (only where the policy does not require one).</summary>
    public string? PasscodeHash { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public int? DurationMinutes { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Counts rotations; calendar invitations use it as their sequence so an update replaces the old event.</summary>
    public int LinkVersion { get; private set; }

    /// <summary>The iCalendar SEQUENCE: one more for every change invitees are told about.</summary>
    public int CalendarSequence { get; private set; }

    public bool HasEnded => EndedAt is not null;

    public bool IsHostedBy(Guid accountId) => HostAccountId == accountId || CoHostAccountIds.Contains(accountId);

    public void SetPasscodeHash(string? hash) => PasscodeHash = hash;

    public void SetNumericCode(string? code) => NumericCode = code;

    public void Update(string title, DateTimeOffset? startsAt, int? durationMinutes, PolicyOverride policy, IEnumerable<Guid> coHosts)
    {
        Title = title;
        StartsAt = startsAt;
        DurationMinutes = durationMinutes;
        Override = policy;
        CoHostAccountIds = [.. coHosts.Where(id => id != HostAccountId).Distinct()];
        CalendarSequence++;
    }

    /// <summary>A new code, the caller sets the new passcode hash in the same save.</summary>
    public void Rotate()
    {
        Code = MeetingCode.Create();
        LinkVersion++;
        CalendarSequence++;
    }

    public void End(DateTimeOffset now) => EndedAt ??= now;
}
