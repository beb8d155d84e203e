namespace AnHop.Server.Web;

public static class AwayEndpoints
{
    /// <summary>
    /// The page a chat link opens before leaving AnHop: the address travels in the fragment (never sent to the
    /// server), the script shows it in full and offers "continue" only for an http(s) address.
    /// </summary>
    public static IEndpointRouteBuilder MapAwayPage(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/away", (PageRenderer pages) =>
        {
            var t = pages.Text;
            var body = $"""
                <section class="away" data-role="away">
                <h1>{PageRenderer.Encode(t["Chat.Away.Title"])}</h1>
                <p>{PageRenderer.Encode(t["Chat.Away.Lead"])}</p>
                <p class="away-address" data-role="address" dir="ltr"></p>
                <p class="away-refused" data-role="refused" hidden></p>
                <p><a class="button primary" data-role="continue" hidden>{PageRenderer.Encode(t["Chat.Away.Continue"])}</a></p>
                <p class="hint">{PageRenderer.Encode(t["Chat.Away.Hint"])}</p>
                </section>
                """;
            return pages.Page("away", t["Chat.Away.Title"], body, StatusCodes.Status200OK, "Chat.Away.");
        }).ExcludeFromDescription().AllowAnonymous(); // shows only what the visitor's own fragment holds
        return routes;
    }
}
