using System.Text;
using Microsoft.Extensions.Localization;

namespace AnHop.Server.Web;

/// <summary>
/// The site navigation shared by every signed-in screen: rendered on the server from the authenticated user,
/// so the header never waits for a script and never shows links a visitor cannot use.
/// </summary>
public static class SiteHeader
{
    /// <summary>The signed-in screens, in header order: path and resource key of the link text.</summary>
    private static readonly (string Path, string TextKey)[] Links =
    [
        ("/meetings", "Nav.MyMeetings"),
        ("/account", "Nav.Account"),
    ];

    public static void AppendNavigation(StringBuilder html, IStringLocalizer<SharedResource> text, HttpContext? context)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(text);
        var user = context?.User;
        var path = context?.Request.Path ?? PathString.Empty;
        if (user?.Identity?.IsAuthenticated != true)
        {
            if (!path.StartsWithSegments("/sign-in", StringComparison.Ordinal))
            {
                html.Append("<div class=\"session\"><a class=\"sign-in\" href=\"/sign-in\">")
                    .Append(PageRenderer.Encode(text["Nav.SignIn"])).Append("</a></div>\n");
            }

            return;
        }

        html.Append("<nav class=\"primary\" aria-label=\"").Append(PageRenderer.Encode(text["Nav.Main"])).Append("\">\n<ul>\n");
        // A restricted session (a forced password change, an administrator's missing second factor) can only reach
        // its account page, so the header offers no other link.
        var restricted = user.HasClaim(c => c.Type == AnHop.Server.Accounts.AccountClaims.Restriction);
        foreach (var (linkPath, textKey) in Links.Where(l => !restricted || l.Path == "/account"))
        {
            var current = path.StartsWithSegments(linkPath, StringComparison.Ordinal) ? " aria-current=\"page\"" : "";
            html.Append("<li><a href=\"").Append(linkPath).Append('"').Append(current).Append('>')
                .Append(PageRenderer.Encode(text[textKey])).Append("</a></li>\n");
        }

        html.Append("</ul>\n</nav>\n<div class=\"session\"><span class=\"who\" title=\"")
            .Append(PageRenderer.Encode(text["Nav.SignedInAs"])).Append("\">")
            .Append(PageRenderer.Encode(user.Identity.Name ?? ""))
            .Append("</span><button type=\"button\" class=\"link\" data-action=\"sign-out\">")
            .Append(PageRenderer.Encode(text["Nav.SignOut"])).Append("</button></div>\n");
    }
}
