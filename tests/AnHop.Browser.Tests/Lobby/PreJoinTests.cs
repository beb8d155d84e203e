using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Lobby;

/// <summary>The meeting entry page /m/{code} before joining: media preview, the form, errors, accessibility, looks.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PreJoinTests(BrowserFixture fixture)
{
    private static readonly string Code = MeetingCode.Create();

    [Theory]
    [InlineData("vi")]
    [InlineData("en")]
    public async Task Pre_join_passes_the_accessibility_scan_and_is_screenshotted_at_desktop_and_phone_size(string language)
    {
        foreach (var size in FormFactor.Both)
        {
            var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, language, size);
            await using var _ = context;
            await OpenAsync(page, Code);
            Assert.Equal(language, await page.GetAttributeAsync("html", "lang"));

            // The fake camera plays in the preview before the picture is taken.
            await page.WaitForFunctionAsync("() => document.querySelector('video[data-role=preview]').readyState >= 2");
            await page.FillAsync("input[name=displayName]", "Nguyễn Thị Lan");
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"pre-join {language} {size.Name}");
            await Screenshots.SaveAsync(page, "prejoin", language, size);

            recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
            recorder.AssertNoConsoleProblems();
        }
    }

    [Fact]
    public async Task Preview_shows_the_camera_the_microphone_level_moves_and_both_device_lists_are_filled()
    {
        var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop);
        await using var _ = context;
        await OpenAsync(page, Code);

        await page.WaitForFunctionAsync("() => document.querySelector('video[data-role=preview]').videoWidth > 0");
        // Chromium's fake microphone beeps: the meter rises above silence.
        await page.WaitForFunctionAsync("() => document.querySelector('meter[data-role=microphone-level]').value > 0.05",
            null, new PageWaitForFunctionOptions { Timeout = 10_000 });
        Assert.True(await page.Locator("select[data-role=camera-select] option").CountAsync() >= 1);
        Assert.True(await page.Locator("select[data-role=microphone-select] option").CountAsync() >= 1);
        Assert.False(await page.IsDisabledAsync("select[data-role=camera-select]"));
        Assert.True(await page.IsHiddenAsync("[data-role=device-status]"));

        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Turning_the_camera_off_stops_its_track_and_on_again_brings_the_preview_back()
    {
        var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, "vi", FormFactor.Desktop);
        await using var _ = context;
        await OpenAsync(page, Code);
        await page.WaitForFunctionAsync("() => document.querySelector('video[data-role=preview]').videoWidth > 0");

        await page.ClickAsync("button[data-action=toggle-camera]");
        Assert.Equal("false", await page.GetAttributeAsync("button[data-action=toggle-camera]", "aria-pressed"));
        await page.WaitForSelectorAsync("[data-role=preview-off]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("Camera đang tắt", (await page.TextContentAsync("[data-role=preview-off]"))?.Trim());
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('video[data-role=preview]').srcObject === null"));

        await page.ClickAsync("button[data-action=toggle-camera]");
        await page.WaitForFunctionAsync("() => document.querySelector('video[data-role=preview]').videoWidth > 0");
        Assert.True(await page.IsHiddenAsync("[data-role=preview-off]"));

        // The microphone off: the meter falls to zero and stays there.
        await page.ClickAsync("button[data-action=toggle-microphone]");
        await page.WaitForFunctionAsync("() => document.querySelector('meter[data-role=microphone-level]').value === 0");

        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Refused_camera_and_microphone_permissions_say_how_to_grant_them_and_joining_stays_possible()
    {
        // A browser whose permission prompt answers "Block" (Chromium's fake media UI, set to deny).
        using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            Args = [.. Chromium.Flags.Where(f => !f.StartsWith("--use-fake-ui-for-media-stream", StringComparison.Ordinal)),
                "--use-fake-ui-for-media-stream=deny"],
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.BaseUrl.ToString() });
        await context.AddCookiesAsync([new Cookie { Name = AnHop.Server.Localization.Cultures.CookieName, Value = "c=en|uic=en", Url = fixture.Server.BaseUrl.ToString() }]);
        var page = await context.NewPageAsync();
        await OpenAsync(page, Code);

        await page.WaitForSelectorAsync("[data-role=device-status][data-problem=denied]");
        Assert.Equal(
            "Your browser has not allowed AnHop to use the camera and microphone. Click the padlock next to the page address, "
            + "allow the camera and microphone, then reload the page. You can still join without the camera and microphone.",
            await page.TextContentAsync("[data-role=device-status]"));
        Assert.True(await page.IsVisibleAsync("[data-role=preview-off]"));
        Assert.False(await page.IsDisabledAsync("button[data-action=join]"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "pre-join, permissions refused");
    }

    [Fact]
    public async Task A_signed_in_person_finds_their_account_name_filled_in()
    {
        const string password = "lục bình trôi qua cầu Long Biên";
        var email = $"dang.thu.thao.{Guid.NewGuid():N}@anhop.test";
        await using (var scope = fixture.Server.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
            var created = await users.CreateAsync(
                new AnHopUser { UserName = email, Email = email, DisplayName = "Đặng Thu Thảo", EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow },
                password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, "vi", FormFactor.Desktop);
        await using var _ = context;
        var signIn = await context.APIRequest.PostAsync("/api/account/sign-in", new APIRequestContextOptions
        {
            DataObject = new { email, password },
            Headers = new Dictionary<string, string> { ["X-AnHop-Request"] = "1" },
        });
        Assert.True(signIn.Ok, await signIn.TextAsync());
        await OpenAsync(page, Code);

        await page.WaitForFunctionAsync("() => document.querySelector('input[name=displayName]').value !== ''");
        Assert.Equal("Đặng Thu Thảo", await page.InputValueAsync("input[name=displayName]"));
        Assert.Equal("", await page.InputValueAsync("input[name=passcode]"));
        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task An_invitation_token_leaves_the_address_bar_and_the_passcode_is_never_taken_from_the_address()
    {
        var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, "vi", FormFactor.Desktop);
        await using var _ = context;

        await page.GotoAsync($"/m/{Code}?passcode=abc#invitation=personal-token&passcode=abc");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=lobby]').dataset.state === 'prejoin'");

        Assert.Equal($"{fixture.Server.BaseUrl}m/{Code}?passcode=abc", page.Url);
        Assert.Equal("", await page.InputValueAsync("input[name=passcode]"));
        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Joining_with_empty_fields_names_each_missing_field_and_sends_nothing()
    {
        var (context, page, recorder) = await LocalisedPages.NewPageAsync(fixture, "en", FormFactor.Desktop);
        await using var _ = context;
        await OpenAsync(page, Code);

        await page.ClickAsync("button[data-action=join]");

        Assert.Equal("Enter your name so that others know who you are.", await page.TextContentAsync("[data-error-for=displayName]"));
        Assert.Equal("Enter the meeting passcode.", await page.TextContentAsync("[data-error-for=passcode]"));
        Assert.Equal("true", await page.GetAttributeAsync("input[name=displayName]", "aria-invalid"));
        Assert.Equal("displayName", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        Assert.DoesNotContain(recorder.Requests, url => url.Contains("/api/admission", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_meeting_is_refused_with_the_one_message_for_a_wrong_code_or_passcode()
    {
        var (context, page, _) = await LocalisedPages.NewPageAsync(fixture, "vi", FormFactor.Desktop);
        await using var __ = context;
        await OpenAsync(page, MeetingCode.Create());

        await page.FillAsync("input[name=displayName]", "Trần Văn Bình");
        await page.FillAsync("input[name=passcode]", "Xy7#kq2M");
        await page.ClickAsync("button[data-action=join]");
        await page.WaitForSelectorAsync("[data-role=join-error][data-kind=not-found]");

        Assert.Equal(
            "Không vào được: mã cuộc họp hoặc mật mã không đúng. Hãy kiểm tra đường dẫn và mật mã người tổ chức đã gửi cho bạn.",
            await page.TextContentAsync("[data-role=join-error]"));
        Assert.Equal("passcode", await page.EvaluateAsync<string>("() => document.activeElement.name"));
        Assert.False(await page.IsDisabledAsync("button[data-action=join]"));
    }

    private static async Task OpenAsync(IPage page, string code)
    {
        var response = await page.GotoAsync($"/m/{code}");
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        await page.WaitForFunctionAsync("() => document.querySelector('[data-role=lobby]').dataset.media === 'ready'");
    }
}
