using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Account;

/// <summary>Steps on the "my meetings" page that several tests take.</summary>
public static class MyMeetingsPage
{
    /// <summary>Schedules <paramref name="title"/> for tomorrow at <paramref name="time"/> and answers the link and the passcode shown once.</summary>
    public static async Task<(string Link, string Passcode)> ScheduleAsync(IPage page, string title, string time)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync("[data-role=schedule-panel] summary");
        await page.FillAsync("[data-role=schedule] input[name=title]", title);
        await page.FillAsync("[data-role=schedule] input[name=date]", DateTime.Today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("[data-role=schedule] input[name=time]", time);
        await page.ClickAsync("[data-role=schedule] button[type=submit]");
        await page.WaitForSelectorAsync("[data-role=created]:not([hidden])");
        return (await page.InputValueAsync("[data-role=created] input[data-role=link]"),
            await page.InputValueAsync("[data-role=created] input[data-role=passcode]"));
    }
}
