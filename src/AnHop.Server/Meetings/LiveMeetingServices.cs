using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AnHop.Server.Meetings;

public static class LiveMeetingServices
{
    /// <summary>The live meeting: rooms, their loader and the dispatcher of what changes in them.</summary>
    public static IServiceCollection AddLiveMeetings(this IServiceCollection services)
    {
        services.TryAddSingleton<AdmissionPassStore>();
        services.AddSingleton<LiveMeetings>();
        services.AddSingleton<LiveRooms>();
        services.AddSingleton<LiveMeetingDispatcher>();
        services.AddSingleton<HubThrottle>();
        return services;
    }
}
