using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>
/// Per-connection throttles for the hub methods a client could use to flood others (chat) or guess (knock), from the
/// built-in rate limiter; idle partitions are dropped by the limiter itself. Chat is a token bucket, so a person may
/// send a short burst (a few quick lines) but a script cannot flood the room; knocks are a fixed window.
/// </summary>
public sealed class HubThrottle : IDisposable
{
    /// <summary>Chat: a burst of <see cref="ChatBurst"/> messages, then <see cref="ChatPerSecond"/> a second, per connection.</summary>
    public const int ChatBurst = 20;

    public const int ChatPerSecond = 2;

    /// <summary>Knock: <see cref="KnockPermits"/> attempts per <see cref="KnockWindow"/> on one connection.</summary>
    public const int KnockPermits = 10;

    public static readonly TimeSpan KnockWindow = TimeSpan.FromMinutes(1);

    public const string ChatRefused = "Too many messages: wait a few seconds before sending again.";
    public const string KnockRefused = "Too many attempts to enter: wait a minute before trying again.";

    private readonly PartitionedRateLimiter<(string Connection, string Method)> _limiter =
        PartitionedRateLimiter.Create<(string Connection, string Method), (string, string)>(key =>
            key.Method == nameof(MeetingHub.SendChat)
                ? RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = ChatBurst,
                    TokensPerPeriod = ChatPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = KnockPermits,
                    Window = KnockWindow,
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));

    /// <summary>Takes one permit for this connection's call, or refuses it with a HubException that says why.</summary>
    public void Take(string connectionId, string method, string refusal)
    {
        using var lease = _limiter.AttemptAcquire((connectionId, method));
        if (!lease.IsAcquired)
        {
            throw new HubException(refusal);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
