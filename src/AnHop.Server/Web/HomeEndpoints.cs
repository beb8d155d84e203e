using AnHop.Server.Localization;
using AnHop.Server.Setup;

namespace AnHop.Server.Web;

public static class HomeEndpoints
{
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", async (PageRenderer pages, FirstAdministratorSetup setup, CancellationToken ct) =>
        {
            var t = pages.Text;
            var notice = await setup.IsNeededAsync(ct)
                ? $"<p class=\"notice\" role=\"note\" data-role=\"setup-needed\">{PageRenderer.Encode(t["Home.SetupNeeded"])}</p>\n"
                : "";
            var cards = string.Concat(new[] { "WaitingRoom", "Passcode", "Encryption", "Control" }.Select(f =>
                $"<li><h2>{PageRenderer.Encode(t[$"Home.Feature.{f}.Title"])}</h2><p>{PageRenderer.Encode(t[$"Home.Feature.{f}.Text"])}</p></li>\n"));
            var body = $"""
                <h1>{PageRenderer.Encode(t["Home.Title"])}</h1>
                <p class="lead">{PageRenderer.Encode(t["Home.Lead"])}</p>
                {notice}<ul class="cards">
                {cards}</ul>
                """;
            return pages.Page("home", t["App.Tagline"], body);
        }).ExcludeFromDescription().AllowAnonymous();

        routes.MapPost("/api/preferences/culture", (CulturePreference preference, HttpResponse response) =>
        {
            if (!Cultures.IsSupported(preference.Culture))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["culture"] = [$"'{preference.Culture}' is not supported: use one of {string.Join(", ", Cultures.Supported)}."],
                });
            }

            Cultures.Remember(response, preference.Culture!);
            return Results.Ok(new { culture = preference.Culture });
        }).RequireAnHopRequestHeader().AllowAnonymous();

        return routes;
    }
}

public sealed record CulturePreference(string? Culture);
