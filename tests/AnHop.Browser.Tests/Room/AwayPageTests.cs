using AnHop.Browser.Tests.Harness;

namespace AnHop.Browser.Tests.Room;

/// <summary>The warning page a chat link opens: the whole address, and "continue" only for a web address.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AwayPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_web_address_is_shown_whole_with_a_continue_link_that_gives_no_opener_or_referrer()
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;
        const string address = "https://example.vn/tai-lieu?id=7#muc-2";
        await page.GotoAsync("/away#" + Uri.EscapeDataString(address));

        Assert.Equal(address, await page.TextContentAsync("[data-role=address]"));
        var link = page.Locator("a[data-role=continue]");
        Assert.True(await link.IsVisibleAsync());
        Assert.Equal(address, await link.GetAttributeAsync("href"));
        Assert.Equal("noopener noreferrer", await link.GetAttributeAsync("rel"));
        Assert.Equal("_blank", await link.GetAttributeAsync("target"));
        Assert.True(await page.IsHiddenAsync("[data-role=refused]"));
        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData(@"\\fileserver\share")]
    [InlineData("file:///etc/passwd")]
    [InlineData("http://user:pass@evil.example/")]
    [InlineData("https://example.vn/\u202Egpj.exe")]
    public async Task Anything_but_a_plain_web_address_is_shown_as_text_and_goes_nowhere(string address)
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/away#" + Uri.EscapeDataString(address));

        Assert.Equal(address, await page.TextContentAsync("[data-role=address]"));
        Assert.True(await page.IsHiddenAsync("a[data-role=continue]"));
        Assert.Null(await page.GetAttributeAsync("a[data-role=continue]", "href"));
        Assert.True(await page.IsVisibleAsync("[data-role=refused]"));
        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
    }
}
