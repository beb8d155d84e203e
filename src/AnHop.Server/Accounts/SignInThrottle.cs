using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Accounts;

/// <summary>
/// Sign-in throttles on the built-in rate limiter: a fixed window per IP address (a named endpoint policy), and one
/// per account, keyed by the normalised e-mail (or the user id at the second step), acquired in the handler because
/// the key is in the body.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    public const string PerIpPolicy = "account-sign-in-per-ip";

    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<AccountOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.SignInPermitsPerAccountPerMinute;
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
    }

    public static void AddPolicies(RateLimiterOptions limiter)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        limiter.AddPolicy(PerIpPolicy, http =>
        {
            var permits = http.RequestServices.GetRequiredService<IOptions<AccountOptions>>().Value.SignInPermitsPerIpPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
    }

    /// <summary>Takes one attempt for <paramref name="account"/>; null when allowed, else the 429 answer with Retry-After.</summary>
    public IResult? TryAttempt(HttpContext http, string account)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var lease = _perAccount.AttemptAcquire(account);
        if (lease.IsAcquired)
        {
            return null;
        }

        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.StatusCode(StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => _perAccount.Dispose();
}
