using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Harness;

/// <summary>Browser contexts in a chosen language (the culture cookie the language buttons set) and screen size.</summary>
public static class LocalisedPages
{
    public static async Task<(IBrowserContext Context, IPage Page, PageRecorder Recorder)> NewPageAsync(
        BrowserFixture fixture, string language, FormFactor size, AnHopServer? server = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(size);
        var baseUrl = (server ?? fixture.Server).BaseUrl.ToString();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
        });
        await context.AddCookiesAsync([new Cookie
        {
            Name = AnHop.Server.Localization.Cultures.CookieName,
            Value = $"c={language}|uic={language}",
            Url = baseUrl,
        }]);
        var recorder = new PageRecorder(context);
        var page = await context.NewPageAsync();
        return (context, page, recorder);
    }
}
