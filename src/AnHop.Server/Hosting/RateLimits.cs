using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace AnHop.Server.Hosting;

/// <summary>
/// What every throttled request gets: 429 with Retry-After (seconds) when the limiter knows it, so the client can say
/// when to try again. Features add their partitioned policies with <c>services.AddRateLimiter(...)</c> beside their endpoints.
/// </summary>
public static class RateLimits
{
    public static ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.HttpContext.Response.Headers.RetryAfter =
                Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return ValueTask.CompletedTask;
    }
}
