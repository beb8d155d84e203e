using AnHop.Server.Web;

namespace AnHop.Server.Meetings;

public static class MeetingPageEndpoints
{
    /// <summary>
    /// The meeting view. It carries nothing secret: the join ticket arrives in the URL fragment (never sent to a
    /// server) from the admission flow, and the page is useless without one.
    /// </summary>
    public static IEndpointRouteBuilder MapMeetingPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/meeting", (PageRenderer pages, Microsoft.Extensions.Options.IOptions<AnHop.Server.Options.AnHopOptions> options) =>
        {
            var t = pages.Text;
            var body = $"""
                <section class="meeting" data-role="meeting" data-simulcast="{(options.Value.Media.Simulcast ? "true" : "false")}" data-joined="{PageRenderer.Encode(t["Meeting.Joined"])}" data-left="{PageRenderer.Encode(t["Meeting.Left"])}" data-failed="{PageRenderer.Encode(t["Meeting.Failed"])}" data-hide-video="{PageRenderer.Encode(t["Meeting.HideVideo"])}" data-show-video="{PageRenderer.Encode(t["Meeting.ShowVideo"])}">
                <div class="bar">
                <h1>{PageRenderer.Encode(t["Meeting.Title"])}</h1>
                <button type="button" class="primary" data-action="share" hidden>{PageRenderer.Encode(t["Meeting.ShareScreen"])}</button>
                <button type="button" class="danger" data-action="leave">{PageRenderer.Encode(t["Meeting.Leave"])}</button>
                </div>
                <p data-role="status" role="status" aria-live="polite">{PageRenderer.Encode(t["Meeting.Connecting"])}</p>
                <div class="tiles" data-role="tiles"></div>
                </section>
                """;
            return pages.Page("meeting", t["Meeting.Title"], body);
        }).ExcludeFromDescription().AllowAnonymous(); // useless without a join ticket
        return routes;
    }
}
