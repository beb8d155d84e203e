using AnHop.Core.Policies;
using AnHop.Server.Data;
using AnHop.Server.Meetings.Directory;
using AnHop.Server.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Browser.Tests.Harness;

/// <summary>A meeting in the server's database, as a host would have scheduled it, with a known passcode.</summary>
public static class ScheduledMeetings
{
    public static async Task<(string Code, string Title, Guid Id)> CreateAsync(AnHopServer server, string title, string passcode)
    {
        ArgumentNullException.ThrowIfNull(server);
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnHopDbContext>();
        if (!await db.Set<Organisation>().AnyAsync())
        {
            db.Add(new Organisation(Organisation.DefaultName, MeetingPolicy.SecureDefault));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
        var email = $"chu.tri.{Guid.NewGuid():N}@anhop.test";
        var host = new AnHopUser { UserName = email, Email = email, DisplayName = "Chủ trì", CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(host);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));

        var meeting = new Meeting(title, host.Id, unitId: null, PolicyOverride.None, startsAt: null, durationMinutes: null, DateTimeOffset.UtcNow);
        meeting.SetPasscodeHash(scope.ServiceProvider.GetRequiredService<MeetingPasscodes>().Hash(passcode));
        db.Add(meeting);
        await db.SaveChangesAsync();
        return (meeting.Code, meeting.Title, meeting.Id);
    }
}
