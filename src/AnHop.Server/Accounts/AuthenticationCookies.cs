using Microsoft.AspNetCore.Authentication.Cookies;

namespace AnHop.Server.Accounts;

/// <summary>
/// The sign-in cookies (DESIGN §3): HttpOnly, SameSite=Strict, Secure whenever the request is HTTPS (plain HTTP is only
/// served on loopback), a short sliding idle timeout, and API answers of 401/403 instead of redirects.
/// </summary>
public static class AuthenticationCookies
{
    public const string SessionCookieName = "anhop.session";

    /// <summary>TCVN 14423 x.5.2.2: a business session locks after 15 minutes without activity.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(15);

    public static void ConfigureApplication(CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        ConfigureOther(cookie);
        cookie.Cookie.Name = SessionCookieName;
        cookie.ExpireTimeSpan = IdleTimeout;
        cookie.SlidingExpiration = true;
    }

    public static void ConfigureOther(CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.LoginPath = "/sign-in";
        cookie.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
        cookie.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
    }

    // Pages redirect to the sign-in page; API calls get a status code a script can act on.
    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ||
            context.Request.Path.StartsWithSegments("/hubs", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
