using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Meetings.Directory;

/// <summary>
/// The one answer for every refused admission (unknown meeting, wrong passcode, ended, guests not allowed): the same
/// status and the same bytes per language, written directly so that no trace ID or other per-request detail differs.
/// </summary>
public sealed class UniformNotFound(IStringLocalizer<SharedResource> text)
{
    private readonly ConcurrentDictionary<string, string> _bodies = new(StringComparer.Ordinal);

    public IResult Result()
    {
        var body = _bodies.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => JsonSerializer.Serialize(new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = text["Meetings.NotFound"],
            Status = StatusCodes.Status404NotFound,
        }));
        return TypedResults.Content(body, "application/problem+json", System.Text.Encoding.UTF8, StatusCodes.Status404NotFound);
    }
}
