using AnHop.Server.Options;
using AnHop.Server.Web;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings;

public static class MeetingPageEndpoints
{
    /// <summary>
    /// The meeting view. It carries nothing secret: the join ticket arrives in the URL fragment (never sent to a
    /// server) from the admission flow, and the page is useless without one. The script builds the room.
    /// </summary>
    public static IEndpointRouteBuilder MapMeetingPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/meeting", (PageRenderer pages, IOptions<AnHopOptions> options) =>
        {
            var t = pages.Text;
            var body = $"""
                <div class="room-host" data-role="meeting-page" data-simulcast="{(options.Value.Media.Simulcast ? "true" : "false")}">
                <p role="status">{PageRenderer.Encode(t["Room.Connecting"])}</p>
                </div>
                """;
            return pages.Page("meeting", t["Room.Title"], body, StatusCodes.Status200OK, "Room.", "Chat.", "Lobby.WaitingList.");
        }).ExcludeFromDescription().AllowAnonymous(); // useless without a join ticket
        return routes;
    }
}
