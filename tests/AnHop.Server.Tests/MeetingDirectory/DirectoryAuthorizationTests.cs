using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.MeetingDirectory;

public sealed class DirectoryAuthorizationTests
{
    private static readonly string[] Prefixes = ["/api/organisation", "/api/units", "/api/accounts/{id:guid}/unit", "/api/meetings", "/api/admission", "/openapi"];

    [Fact]
    public async Task Every_directory_endpoint_declares_its_authorisation_and_refuses_anonymous_callers_unless_it_allows_them()
    {
        await using var server = await AnHopServer.StartAsync(TestAccounts.ServerArguments);
        var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => Prefixes.Any(p => e.RoutePattern.RawText!.StartsWith(p, StringComparison.Ordinal)))
            .ToList();
        Assert.True(endpoints.Count >= 20, $"found {endpoints.Count} endpoints");
        using var anonymous = TestAccounts.Anonymous(server);
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!;
            var allowsAnonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            Assert.True(allowsAnonymous ^ policies.Any(p => p is not null), $"{pattern} must declare exactly one authorisation decision");
            if (allowsAnonymous)
            {
                Assert.Contains(pattern, new[] { "/api/admission", "/openapi/{documentName}.json" });
                continue;
            }

            var path = pattern.Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                .Replace("{code}", AnHop.Core.Meetings.MeetingCode.Create(), StringComparison.Ordinal);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
                using var answer = await anonymous.SendAsync(request);
                Assert.True(answer.StatusCode == HttpStatusCode.Unauthorized, $"{method} {pattern}: {answer.StatusCode}");
            }
        }
    }
}
