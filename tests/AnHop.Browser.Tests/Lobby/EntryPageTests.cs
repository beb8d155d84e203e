using System.Net;
using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;

namespace AnHop.Browser.Tests.Lobby;

/// <summary>What the server answers for /m/{code}, and the accessibility helper's own check.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EntryPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task The_entry_page_is_the_same_for_any_code_apart_from_the_code_itself()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUrl };
        var first = MeetingCode.Create();
        var second = MeetingCode.Create();

        var a = await http.GetStringAsync($"/m/{first}");
        var b = await http.GetStringAsync($"/m/{second}");

        Assert.Contains("data-role=\"lobby\"", a, StringComparison.Ordinal);
        Assert.Equal(a.Replace(first, "CODE", StringComparison.Ordinal), b.Replace(second, "CODE", StringComparison.Ordinal));
        using var tooLong = await http.GetAsync(new Uri("/m/" + new string('a', 65), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, tooLong.StatusCode);
    }

    [Fact]
    public async Task The_accessibility_scan_fails_with_a_readable_list_when_a_field_has_no_label()
    {
        var (context, page, _) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop);
        await using var __ = context;
        await page.GotoAsync($"/m/{MeetingCode.Create()}");
        await page.EvaluateAsync("() => document.querySelector('main').append(Object.assign(document.createElement('input'), { id: 'unlabelled' }))");

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.FailException>(
            () => Accessibility.AssertNoSeriousViolationsAsync(page, "unlabelled field"));

        Assert.Contains("- label (critical)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("#unlabelled", failure.Message, StringComparison.Ordinal);
    }
}
