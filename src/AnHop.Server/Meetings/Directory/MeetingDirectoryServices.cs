using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using AnHop.Core.Meetings;
using AnHop.Server.Organisations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings.Directory;

/// <summary>Registration and routes of the organisation, meeting, invitation and admission API, and its OpenAPI document.</summary>
public static class MeetingDirectoryServices
{
    public static IServiceCollection AddAnHopMeetingDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MeetingDirectoryOptions>()
            .Bind(configuration.GetSection(MeetingDirectoryOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MeetingDirectoryOptions>, MeetingDirectoryOptionsValidator>();
        services.AddScoped<OrganisationDirectory>();
        services.AddScoped<MeetingDirectory>();
        services.AddSingleton<MeetingLinks>();
        services.AddSingleton<MeetingPasscodes>();
        services.AddSingleton<UniformNotFound>();
        services.AddSingleton<AdmissionThrottle>();
        services.TryAddSingleton<AdmissionPassStore>();
        services.AddRateLimiter(limiter => limiter.AddPolicy(AdmissionThrottle.IpPolicy, context =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<MeetingDirectoryOptions>>().Value.AdmissionsPerIpPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "", _ => AdmissionThrottle.PerIp(limit));
        }));

        // Enumerations travel as camel-case names ("host", "hostsAndGranted"), as docs/PROTOCOL.md writes them.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOpenApi();
        return services;
    }

    public static IEndpointRouteBuilder MapMeetingDirectory(this IEndpointRouteBuilder routes)
    {
        routes.MapOrganisations();
        routes.MapMeetings();
        routes.MapInvitations();
        routes.MapAdmission();
        routes.MapOpenApi().AllowAnonymous(); // /openapi/v1.json: the document describes the API, not any data
        return routes;
    }
}
