using AnHop.Core.Meetings;
using AnHop.Core.Meetings.Live;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AnHop.Server.Meetings;

public static class LiveMeetingServices
{
    /// <summary>The live meeting: rooms, their loader, the dispatcher of what changes in them and the reaper of empty rooms.</summary>
    public static IServiceCollection AddLiveMeetings(this IServiceCollection services)
    {
        services.TryAddSingleton<AdmissionPassStore>();
        services.AddSingleton<LiveMeetings>();
        services.AddSingleton<LiveRooms>();
        services.AddSingleton<LiveMeetingDispatcher>();
        services.AddSingleton<HubThrottle>();
        services.AddSingleton<LiveRoomReaper>();
        services.AddHostedService(provider => provider.GetRequiredService<LiveRoomReaper>());
        return services;
    }
}
