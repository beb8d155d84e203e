using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Harness;

/// <summary>The two sizes every main screen is checked at.</summary>
public sealed record FormFactor(string Name, int Width, int Height)
{
    public static readonly FormFactor Desktop = new("desktop", 1280, 800);

    public static readonly FormFactor Phone = new("phone", 390, 844);

    public static readonly IReadOnlyList<FormFactor> Both = [Desktop, Phone];
}

/// <summary>
/// Saves full-page PNGs as test artefacts, named <c>&lt;screen&gt;-&lt;lang&gt;-&lt;desktop|phone&gt;.png</c>, under
/// $ANHOP_ARTIFACTS/screenshots (scripts/test.sh points it at the results folder) or beside the test assembly.
/// </summary>
public static class Screenshots
{
    public static string Folder { get; } = Path.Combine(
        Environment.GetEnvironmentVariable("ANHOP_ARTIFACTS") is { Length: > 0 } artifacts ? artifacts : AppContext.BaseDirectory,
        "screenshots");

    public static async Task<string> SaveAsync(IPage page, string screen, string language, FormFactor size)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(size);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{screen}-{language}-{size.Name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }
}
