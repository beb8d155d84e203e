using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Web;

/// <summary>
/// Renders AnHop's server-side page shell: localized, no inline script or style, only hashed same-origin assets.
/// Every text passes through the HTML encoder.
/// </summary>
public sealed class PageRenderer(AssetManifest assets, IStringLocalizer<SharedResource> text, IHttpContextAccessor http)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public IStringLocalizer<SharedResource> Text => text;

    public static string Encode(string value) => Encoder.Encode(value);

    /// <param name="clientText">
    /// Prefixes of the resource keys the page's script needs (e.g. "Meeting."): they are embedded as a JSON data block
    /// (<c>script type="application/json"</c>, never executed, so the CSP stays without inline script) read by ui/text.ts.
    /// </param>
    public IResult Page(string pageName, string title, string mainHtml, int statusCode = StatusCodes.Status200OK,
        params string[] clientText)
    {
        ArgumentNullException.ThrowIfNull(clientText);
        var culture = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var html = new StringBuilder(4096);
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(Encode(culture)).Append("\">\n<head>\n")
            .Append("<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>").Append(Encode(title)).Append(" · ").Append(Encode(text["App.Name"])).Append("</title>\n")
            .Append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Encode(assets.Url("styles.css"))).Append("\">\n")
            .Append("<script type=\"module\" src=\"").Append(Encode(assets.Url("app.js"))).Append("\"></script>\n")
            .Append("</head>\n<body data-page=\"").Append(Encode(pageName)).Append("\">\n")
            .Append("<a class=\"skip-link\" href=\"#main\">").Append(Encode(text["Nav.SkipToContent"])).Append("</a>\n")
            .Append("<header class=\"site\">\n<a class=\"brand\" href=\"/\">").Append(Encode(text["App.Name"]))
            .Append("<small>").Append(Encode(text["App.Tagline"])).Append("</small></a>\n");
        SiteHeader.AppendNavigation(html, text, http.HttpContext);
        html.Append("<nav class=\"languages\" aria-label=\"").Append(Encode(text["Nav.Language"])).Append("\">\n");
        AppendLanguageButton(html, "vi", "Tiếng Việt", culture);
        AppendLanguageButton(html, "en", "English", culture);
        html.Append("</nav>\n</header>\n<main id=\"main\">\n").Append(mainHtml).Append("\n</main>\n");
        AppendClientText(html, clientText);
        html
            .Append("<footer class=\"site\"><span data-role=\"version\">")
            .Append(Encode(string.Format(CultureInfo.CurrentCulture, text["Footer.Version"], AppVersion.Current)))
            .Append("</span></footer>\n</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private void AppendClientText(StringBuilder html, string[] prefixes)
    {
        if (prefixes.Length == 0)
        {
            return;
        }

        var strings = text.GetAllStrings(includeParentCultures: true)
            .Where(s => prefixes.Any(p => s.Name.StartsWith(p, StringComparison.Ordinal)))
            .GroupBy(s => s.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

        // JsonSerializer's default encoder escapes <, > and & so the block cannot end early or open a tag.
        html.Append("<script type=\"application/json\" id=\"anhop-text\">")
            .Append(System.Text.Json.JsonSerializer.Serialize(strings))
            .Append("</script>\n");
    }

    private static void AppendLanguageButton(StringBuilder html, string culture, string label, string current)
    {
        html.Append("<button type=\"button\" data-culture=\"").Append(culture).Append("\" lang=\"").Append(culture)
            .Append("\" aria-pressed=\"").Append(culture == current ? "true" : "false").Append("\">")
            .Append(Encode(label)).Append("</button>\n");
    }
}
