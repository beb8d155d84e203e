using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.Authorization;

/// <summary>
/// Every HTTP endpoint states its authorisation decision (AllowAnonymous or a policy), and every one that needs a
/// signed-in caller refuses an anonymous one. Found by enumerating the routing table, so a new endpoint cannot slip by.
/// </summary>
public sealed class EndpointAuthorizationTests : IAsyncLifetime
{
    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Every_endpoint_declares_an_authorisation_decision()
    {
        var undecided = Endpoints()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null && !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any())
            .Select(Describe)
            .ToList();

        Assert.True(undecided.Count == 0, "Endpoints without an authorisation decision:\n" + string.Join("\n", undecided));
        Assert.True(Endpoints().Count() >= 8, "the routing table looks empty: " + Endpoints().Count());
    }

    [Fact]
    public async Task Every_endpoint_that_needs_an_account_refuses_anonymous_callers()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _server.BaseUrl };
        var protectedEndpoints = Endpoints().Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        var failures = new List<string>();
        foreach (var endpoint in protectedEndpoints)
        {
            foreach (var method in Methods(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(SampleUrl(endpoint), UriKind.Relative));
                request.Headers.Add("X-AnHop-Request", "1");
                if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized ||
                    (response.StatusCode is HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/sign-in", StringComparison.Ordinal) == true);
                if (!refused)
                {
                    failures.Add($"{method} {SampleUrl(endpoint)} answered {(int)response.StatusCode} to an anonymous caller");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    private static string Describe(RouteEndpoint endpoint) =>
        $"{string.Join(",", Methods(endpoint))} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";

    // Route parameters get well-formed but unknown values: authorisation must refuse before any lookup.
    private static string SampleUrl(RouteEndpoint endpoint)
    {
        var path = new StringBuilder();
        foreach (var segment in endpoint.RoutePattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
            {
                path.Append(part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter =>
                        parameter.ParameterPolicies.Any(p => p.Content is "guid") ? Guid.NewGuid().ToString()
                        : parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1"
                        : "abcdefghijklmnopqrstuvwxyz",
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }
}
