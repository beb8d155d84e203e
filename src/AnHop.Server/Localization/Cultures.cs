using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace AnHop.Server.Localization;

/// <summary>Vietnamese first, English too. The choice is kept in a cookie; without one the page is Vietnamese.</summary>
public static class Cultures
{
    public const string CookieName = "anhop.culture";
    public const string Default = "vi";

    public static IReadOnlyList<string> Supported { get; } = ["vi", "en"];

    public static bool IsSupported(string? name) => name is not null && Supported.Contains(name, StringComparer.Ordinal);

    public static IServiceCollection AddAnHopLocalization(this IServiceCollection services)
    {
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider { CookieName = CookieName }];
        });
        return services;
    }

    public static void Remember(HttpResponse response, string culture)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });
    }
}
