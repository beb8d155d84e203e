using AnHop.Browser.Tests.Harness;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class StartPageTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Start_page_renders_in_Vietnamese_by_default_then_in_English_and_the_choice_persists()
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;

        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Họp trực tuyến an toàn trên máy chủ của chính cơ quan bạn", await page.TextContentAsync("h1"));
        Assert.Equal("true", await page.GetAttributeAsync("button[data-culture=vi]", "aria-pressed"));

        // Vietnamese glyphs render with a real font (no tofu): the heading is laid out wider than its ASCII-only width.
        var headingWidth = await page.EvaluateAsync<double>("() => document.querySelector('h1').getBoundingClientRect().width");
        Assert.True(headingWidth > 100, $"heading width {headingWidth}");

        await page.ClickAsync("button[data-culture=en]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Equal("Safe online meetings on your agency's own servers", await page.TextContentAsync("h1"));

        await page.ReloadAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("true", await page.GetAttributeAsync("button[data-culture=en]", "aria-pressed"));

        await page.ClickAsync("button[data-culture=vi]");
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'vi'");

        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Start_page_is_served_under_a_strict_CSP_and_the_footer_shows_the_version()
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;

        var response = await page.GotoAsync("/");
        Assert.NotNull(response);
        var headers = await response.AllHeadersAsync();
        Assert.True(headers.TryGetValue("content-security-policy", out var csp), "no CSP header");
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);

        // The bundle ran under that CSP: the language buttons are wired and the page styles applied.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var fontFamily = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).fontFamily");
        Assert.Contains("Noto Sans", fontFamily, StringComparison.Ordinal);
        var footer = await page.TextContentAsync("[data-role=version]");
        Assert.Contains(AnHop.Server.Web.AppVersion.Current, footer, StringComparison.Ordinal);

        // An injected inline script is refused by the policy, and the violation is reported.
        var blocked = await page.EvaluateAsync<bool>("""
            () => new Promise(resolve => {
              document.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
              const s = document.createElement('script');
              s.textContent = 'window.__inlineRan = true';
              document.body.appendChild(s);
              setTimeout(() => resolve(false), 2000);
            })
            """);
        Assert.True(blocked, "the inline script was not reported as a CSP violation");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__inlineRan === true"));

        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        Assert.All(recorder.Problems, p => Assert.Contains("inline", p, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Set_up_page_creates_the_first_administrator_once_from_the_printed_link()
    {
        var link = fixture.Server.Console.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/setup#token=", StringComparison.Ordinal));
        var fragment = link[link.IndexOf('#', StringComparison.Ordinal)..];
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;

        await page.GotoAsync("/setup" + fragment);
        Assert.Equal(fixture.Server.BaseUrl + "setup", page.Url); // the token left the address bar at once
        await page.FillAsync("input[name=email]", "quan.tri@anhop.test");
        await page.FillAsync("input[name=displayName]", "Nguyễn Văn Quản Trị");
        await page.FillAsync("input[name=password]", "một câu mật khẩu dài");
        await page.FillAsync("input[name=confirmPassword]", "một câu mật khẩu dài");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-role=status][data-kind=success]");

        // The same link again, in a fresh load: refused.
        await page.GotoAsync("/");
        await page.GotoAsync("/setup" + fragment);
        await page.FillAsync("input[name=email]", "ke.gian@anhop.test");
        await page.FillAsync("input[name=displayName]", "Kẻ gian");
        await page.FillAsync("input[name=password]", "another long password");
        await page.FillAsync("input[name=confirmPassword]", "another long password");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("[data-role=status][data-kind=error]");

        await page.GotoAsync("/");
        Assert.Equal(0, await page.Locator("[data-role=setup-needed]").CountAsync());

        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        Assert.All(recorder.Problems, p => Assert.Contains("403", p, StringComparison.Ordinal));
    }
}
