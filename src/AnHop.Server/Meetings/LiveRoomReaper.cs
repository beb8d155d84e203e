using AnHop.Core.Meetings.Live;
using AnHop.Server.Media;
using AnHop.Server.Meetings.Directory;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings;

/// <summary>
/// Lets go of live rooms nobody uses: a room that has stood empty (nobody in it, waiting or holding a seat) for
/// <see cref="MeetingDirectoryOptions.EmptyRoomGracePeriod"/> leaves memory with its SFU router, so a host's network
/// blip does not lose the room but finished meetings do not pile up. A later knock opens a fresh room, which loads the
/// persisted bans again.
/// </summary>
public sealed class LiveRoomReaper(
    LiveMeetings meetings,
    MeetingMedia media,
    IOptions<MeetingDirectoryOptions> options,
    TimeProvider clock,
    ILogger<LiveRoomReaper> logger) : BackgroundService
{
    private TimeSpan Grace => options.Value.EmptyRoomGracePeriod;

    /// <summary>One pass: lets go of every room empty for the grace period (or ended), and of its media.</summary>
    public async Task<int> SweepAsync()
    {
        var released = meetings.ReleaseIdle(Grace);
        foreach (var room in released)
        {
            await media.ReleaseAsync(room.Id);
            LiveLog.Released(logger, room.Id);
        }

        return released.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // A quarter of the grace period between passes (1 to 30 seconds): a room goes at most that much late.
        var period = TimeSpan.FromTicks(Math.Clamp(Grace.Ticks / 4, TimeSpan.TicksPerSecond, 30 * TimeSpan.TicksPerSecond));
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server is stopping.
        }
    }
}
