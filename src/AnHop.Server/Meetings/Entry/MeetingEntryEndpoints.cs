using AnHop.Server.Options;
using AnHop.Server.Web;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Meetings.Entry;

/// <summary>
/// The meeting entry page <c>/m/{code}</c>: pre-join (camera, microphone, name, passcode) and the waiting room.
/// The code only shapes the page: nothing is looked up, so the page is the same whether or not a meeting exists,
/// and the passcode is typed by the person (a personal invitation token may arrive in the fragment, never sent here).
/// </summary>
public static class MeetingEntryEndpoints
{
    /// <summary>Longer than any meeting code; anything longer is not worth rendering.</summary>
    private const int MaxCodeLength = 64;

    public static IEndpointRouteBuilder MapMeetingEntry(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/m/{code}", (string code, HttpContext http, PageRenderer pages, IOptions<AnHopOptions> options) =>
        {
            if (code.Length > MaxCodeLength)
            {
                return Results.NotFound();
            }

            var t = pages.Text;
            var signedIn = http.User.Identity?.IsAuthenticated == true;
            return pages.Page("lobby", t["Lobby.PageTitle"], MeetingEntryPage.Render(t, code, signedIn, options.Value.Media.Simulcast),
                clientText: ["Lobby.", "Meeting.", "Room.", "Chat."]); // the room view takes over this page once admitted
        }).ExcludeFromDescription().AllowAnonymous(); // the page reveals nothing; admission decides
        return routes;
    }
}
