using System.Net;
using System.Text;
using AnHop.Server.Accounts;
using AnHop.Server.Data;
using AnHop.Server.Tests.MeetingDirectory;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Server.Tests.Authorization;

/// <summary>
/// Every endpoint of the routing table, called as member, unit admin, security officer and organisation admin (each
/// signed in through the real sign-in, admins with their TOTP second factor): a role outside the endpoint's declared
/// policy gets 403, a role inside it is not refused (neither 401 nor 403). The expectation table names each endpoint's
/// policy; an endpoint missing from it, or declaring another policy, fails the test.
/// </summary>
public sealed class RoleMatrixTests : IAsyncLifetime
{
    private const string Anonymous = "anonymous";
    private const string Default = "default (signed in)";

    /// <summary>"METHOD /route" → the policy it must declare.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Anonymous,
        ["GET /readyz"] = Anonymous,
        ["GET /"] = Anonymous,
        ["POST /api/preferences/culture"] = Anonymous,
        ["GET /setup"] = Anonymous,
        ["POST /api/setup"] = Anonymous,
        ["GET /meeting"] = Anonymous,
        ["GET /m/{code}"] = Anonymous,
        ["PUT /api/accounts/{id:guid}/unit"] = AuthorizationPolicies.UnitAdmin,
        ["POST /api/admission"] = Anonymous,
        ["GET /openapi/{documentName}.json"] = Anonymous,
        ["GET /away"] = Anonymous,
        ["GET /sign-in"] = Anonymous,
        ["GET /account"] = AuthorizationPolicies.AccountSetup,
        ["GET /meetings"] = AuthorizationPolicies.SignedIn,
        ["GET /hubs/meeting/negotiate"] = Anonymous,
        ["GET /hubs/meeting"] = Anonymous,
        ["GET /api/organisation/"] = AuthorizationPolicies.SignedIn,
        ["PUT /api/organisation/"] = AuthorizationPolicies.OrganisationAdmin,
        ["PUT /api/organisation/policy"] = AuthorizationPolicies.OrganisationAdmin,
        ["POST /api/units/"] = AuthorizationPolicies.UnitAdmin,
        ["PATCH /api/units/{id:guid}"] = AuthorizationPolicies.UnitAdmin,
        ["DELETE /api/units/{id:guid}"] = AuthorizationPolicies.UnitAdmin,
        ["PUT /api/units/{id:guid}/policy"] = AuthorizationPolicies.UnitAdmin,
        ["GET /api/units/{id:guid}/policy/effective"] = AuthorizationPolicies.SignedIn,
        ["POST /api/meetings/"] = AuthorizationPolicies.SignedIn,
        ["GET /api/meetings/"] = AuthorizationPolicies.SignedIn,
        ["GET /api/meetings/{code}"] = AuthorizationPolicies.SignedIn,
        ["PATCH /api/meetings/{code}"] = AuthorizationPolicies.SignedIn,
        ["DELETE /api/meetings/{code}"] = AuthorizationPolicies.SignedIn,
        ["POST /api/meetings/{code}/rotate"] = AuthorizationPolicies.SignedIn,
        ["GET /api/meetings/{code}/calendar.ics"] = AuthorizationPolicies.SignedIn,
        ["POST /api/meetings/{code}/invitations/"] = AuthorizationPolicies.SignedIn,
        ["GET /api/meetings/{code}/invitations/"] = AuthorizationPolicies.SignedIn,
        ["DELETE /api/meetings/{code}/invitations/{id:guid}"] = AuthorizationPolicies.SignedIn,
        ["POST /api/account/sign-in"] = Anonymous,
        ["POST /api/account/sign-in/totp"] = Anonymous,
        ["POST /api/account/sign-in/recovery"] = Anonymous,
        ["POST /api/account/sign-out"] = AuthorizationPolicies.AccountSetup,
        ["POST /api/account/totp/setup"] = AuthorizationPolicies.AccountSetup,
        ["POST /api/account/totp/confirm"] = AuthorizationPolicies.AccountSetup,
        ["DELETE /api/account/totp"] = AuthorizationPolicies.SignedIn,
        ["POST /api/account/recovery-codes"] = AuthorizationPolicies.SignedIn,
        ["GET /api/account/me"] = AuthorizationPolicies.AccountSetup,
        ["GET /api/account/sessions"] = AuthorizationPolicies.SignedIn,
        ["DELETE /api/account/sessions/{id:guid}"] = AuthorizationPolicies.SignedIn,
        ["POST /api/account/password"] = AuthorizationPolicies.AccountSetup,
        ["GET /api/accounts/"] = AuthorizationPolicies.OrganisationAdmin,
        ["POST /api/accounts/"] = AuthorizationPolicies.OrganisationAdmin,
        ["POST /api/accounts/{id:guid}/force-password-change"] = AuthorizationPolicies.OrganisationAdmin,
        ["POST /api/accounts/{id:guid}/unlock"] = AuthorizationPolicies.OrganisationAdmin,
        ["POST /api/account/passkeys/options"] = AuthorizationPolicies.AccountSetup,
        ["POST /api/account/passkeys"] = AuthorizationPolicies.AccountSetup,
        ["GET /api/account/passkeys"] = AuthorizationPolicies.AccountSetup,
        ["DELETE /api/account/passkeys/{id:guid}"] = AuthorizationPolicies.SignedIn,
        ["POST /api/account/sign-in/passkey/options"] = Anonymous,
        ["POST /api/account/sign-in/passkey"] = Anonymous,
    };

    private static readonly Dictionary<string, string[]> Inside = new(StringComparer.Ordinal)
    {
        [Anonymous] = [.. Roles.All],
        [Default] = [.. Roles.All],
        [AuthorizationPolicies.SignedIn] = [.. Roles.All],
        [AuthorizationPolicies.AccountSetup] = [.. Roles.All],
        [AuthorizationPolicies.OrganisationAdmin] = [Roles.OrganisationAdmin],
        [AuthorizationPolicies.UnitAdmin] = [Roles.OrganisationAdmin, Roles.UnitAdmin],
        [AuthorizationPolicies.SecurityOfficer] = [Roles.OrganisationAdmin, Roles.SecurityOfficer],
    };

    private AnHopServer _server = null!;

    public async Task InitializeAsync() => _server = await AnHopServer.StartAsync(TestAccounts.ServerArguments);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void Every_endpoint_is_in_the_expectation_table_with_the_policy_it_declares()
    {
        var declared = Endpoints().SelectMany(e => Methods(e).Select(m => (Key: Key(m, e), Policy: PolicyOf(e)))).ToList();
        var problems = declared
            .Where(d => !Expected.TryGetValue(d.Key, out var policy) || policy != d.Policy)
            .Select(d => $"[\"{d.Key}\"] = \"{d.Policy}\", // expected {(Expected.TryGetValue(d.Key, out var p) ? p : "nothing: missing from the table")}")
            .ToList();
        problems.AddRange(Expected.Keys.Except(declared.Select(d => d.Key)).Select(k => $"{k}: in the table but not routed"));
        Assert.True(problems.Count == 0, "Endpoints and the expectation table disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task Each_role_is_refused_outside_the_declared_policy_and_served_inside_it()
    {
        var (_, organisationAdmin) = await TestAccounts.SetUpAdministratorAsync(_server);
        var clients = new Dictionary<string, HttpClient>
        {
            [Roles.OrganisationAdmin] = organisationAdmin,
            [Roles.UnitAdmin] = (await TestAccounts.CreateAsync(_server, "unit.admin@example.gov.vn", Roles.UnitAdmin)).Client,
            [Roles.SecurityOfficer] = (await TestAccounts.CreateAsync(_server, "security@example.gov.vn", Roles.SecurityOfficer)).Client,
            [Roles.Member] = (await TestAccounts.CreateAsync(_server, "member@example.gov.vn", Roles.Member)).Client,
        };

        // Signing out ends the session the next calls use: those go last.
        var calls = Endpoints().SelectMany(e => Methods(e).Select(m => (Method: m, Endpoint: e)))
            .OrderBy(c => c.Endpoint.RoutePattern.RawText?.Contains("sign-out", StringComparison.Ordinal) == true)
            .ToList();
        var failures = new List<string>();
        var checkedCalls = 0;
        foreach (var (method, endpoint) in calls)
        {
            var policy = PolicyOf(endpoint);
            foreach (var (role, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(SampleUrl(endpoint), UriKind.Relative));
                if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                {
                    request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await client.SendAsync(request);
                var status = response.StatusCode;
                var inside = Inside[policy].Contains(role);
                if (inside && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{Key(method, endpoint)} ({policy}) refused {role} with {(int)status}");
                }
                else if (!inside && status is not HttpStatusCode.Forbidden)
                {
                    failures.Add($"{Key(method, endpoint)} ({policy}) answered {(int)status} to {role}, outside the policy");
                }

                checkedCalls++;
            }
        }

        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Expected.Count * clients.Count, checkedCalls);
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        _server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

    private static string PolicyOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return Anonymous;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Distinct().ToList();
        return policies.Count switch
        {
            0 => "none",
            1 => policies[0] ?? Default,
            _ => string.Join("+", policies.Select(p => p ?? Default)),
        };
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];

    private static string Key(string method, RouteEndpoint endpoint) => $"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";

    // Route parameters get well-formed but unknown values: the policy decides before any lookup.
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
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter =>
                        parameter.ParameterPolicies.Any(p => p.Content is "guid") ? Guid.NewGuid().ToString()
                        : parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1"
                        : "abcdefghijklmnopqrstuvwxyz",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
            }
        }

        return path.Length == 0 ? "/" : path.ToString();
    }
}
