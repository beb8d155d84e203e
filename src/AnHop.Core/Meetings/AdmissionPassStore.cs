using AnHop.Core.Security;

namespace AnHop.Core.Meetings;

/// <summary>Admission passes: single-use, 5 minutes, revocable per meeting (link rotation) or per person (ban).</summary>
public sealed class AdmissionPassStore(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly OneTimeSecretStore<AdmissionPass> _passes = new(clock);

    public DateTimeOffset NewExpiry() => _passes.Clock.GetUtcNow() + Lifetime;

    public string Issue(AdmissionPass pass) => _passes.Issue(pass, Lifetime);

    public bool TryRedeem(string? token, out AdmissionPass? pass) => _passes.TryRedeem(token, out pass);

    public int RevokeMeeting(Guid meetingId) => _passes.Revoke(pass => pass.MeetingId == meetingId);

    public int Revoke(Func<AdmissionPass, bool> match) => _passes.Revoke(match);
}
