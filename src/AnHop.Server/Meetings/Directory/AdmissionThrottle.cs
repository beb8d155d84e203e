using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// The per-meeting half of the admission throttle (the per-IP half is the rate-limiting middleware's policy
/// <see cref="IpPolicy"/>). The meeting is named in the request body, so this limiter is asked inside the endpoint,
/// for the meeting found, or the code as typed when none is.
/// </summary>
public sealed class AdmissionThrottle : IDisposable
{
    public const string IpPolicy = "anhop-admission-per-ip";
    private const int MaxKeyLength = 64;

    private readonly PartitionedRateLimiter<string> _perMeeting;

    public AdmissionThrottle(IOptions<MeetingDirectoryOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limit = options.Value.AdmissionsPerMeetingPerMinute;
        _perMeeting = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    /// <summary>A lease for one attempt on <paramref name="meetingKey"/>; when refused, it carries the Retry-After metadata.</summary>
    public RateLimitLease Acquire(string meetingKey)
    {
        ArgumentNullException.ThrowIfNull(meetingKey);
        return _perMeeting.AttemptAcquire(meetingKey.Length > MaxKeyLength ? meetingKey[..MaxKeyLength] : meetingKey);
    }

    public static FixedWindowRateLimiterOptions PerIp(int permitLimit) =>
        new() { PermitLimit = permitLimit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    public void Dispose() => _perMeeting.Dispose();
}
