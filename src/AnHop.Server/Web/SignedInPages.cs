namespace AnHop.Server.Web;

public static class SignedInPages
{
    /// <summary>The sign-in page and the screens of a signed-in person (account, my meetings).</summary>
    public static IEndpointRouteBuilder MapSignedInPages(this IEndpointRouteBuilder routes)
    {
        routes.MapAccountPages();
        routes.MapMeetingsPages();
        return routes;
    }
}
