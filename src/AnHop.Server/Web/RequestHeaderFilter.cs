namespace AnHop.Server.Web;

/// <summary>
/// State-changing API calls must carry <c>X-AnHop-Request</c>. A cross-site form cannot set a custom header,
/// and a cross-site script cannot without a CORS preflight that AnHop never grants: a CSRF guard beside SameSite cookies.
/// </summary>
public static class RequestHeaderFilter
{
    public const string HeaderName = "X-AnHop-Request";

    public static TBuilder RequireAnHopRequestHeader<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
            context.HttpContext.Request.Headers.ContainsKey(HeaderName)
                ? await next(context)
                : Results.Problem(title: $"The {HeaderName} header is required.", statusCode: StatusCodes.Status400BadRequest));
}
