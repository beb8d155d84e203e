using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using AnHop.Server.Hosting;

namespace AnHop.Server.Tests;

public sealed class HostTests : IAsyncLifetime
{
    private AnHopServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await AnHopServer.StartAsync();
        _http = new HttpClient { BaseAddress = _server.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Health_endpoints_answer()
    {
        var live = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        var ready = await _http.GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/healthz")]
    [InlineData("/favicon.svg")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Hashed_assets_are_served_immutable_and_pages_are_not_cached()
    {
        var page = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        var script = System.Text.RegularExpressions.Regex.Match(page, "src=\"(/assets/app-[A-Z0-9]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);
        using var asset = await _http.GetAsync(new Uri(script, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        var caching = asset.Headers.CacheControl;
        Assert.NotNull(caching);
        Assert.True(caching.Public);
        Assert.Equal(TimeSpan.FromDays(365), caching.MaxAge);
        Assert.Contains(caching.Extensions, e => e.Name == "immutable");
        AssertSecurityHeaders(asset);
        using var html = await _http.GetAsync(new Uri("/", UriKind.Relative));
        Assert.True(html.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<style", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_page_is_Vietnamese_by_default_and_English_once_chosen()
    {
        var vi = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.Contains("<html lang=\"vi\">", vi, StringComparison.Ordinal);
        Assert.Contains("Họp trực tuyến an toàn", vi, StringComparison.Ordinal);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/preferences/culture") { Content = JsonContent.Create(new { culture = "en" }) };
        request.Headers.Add("X-AnHop-Request", "1");
        using var chosen = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        var cookie = Assert.Single(chosen.Headers.GetValues("Set-Cookie"));
        Assert.Contains("anhop.culture=", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        using var english = new HttpRequestMessage(HttpMethod.Get, "/");
        english.Headers.Add("Cookie", cookie.Split(';')[0]);
        var en = await (await _http.SendAsync(english)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", en, StringComparison.Ordinal);
        Assert.Contains("Safe online meetings", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_culture_or_a_missing_request_header_is_refused_clearly()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/preferences/culture") { Content = JsonContent.Create(new { culture = "fr" }) };
        request.Headers.Add("X-AnHop-Request", "1");
        using var unsupported = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);
        Assert.Contains("'fr' is not supported: use one of vi, en.", await unsupported.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var noHeader = await _http.PostAsJsonAsync(new Uri("/api/preferences/culture", UriKind.Relative), new { culture = "en" });
        Assert.Equal(HttpStatusCode.BadRequest, noHeader.StatusCode);
        Assert.False(noHeader.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Https_uses_a_kept_self_signed_certificate_and_sends_HSTS()
    {
        var server = await AnHopServer.StartAsync("--AnHop:Http:Enabled=false", "--AnHop:Https:Enabled=true",
            "--AnHop:Https:Address=127.0.0.1", "--AnHop:Https:Port=0");
        var certificatePath = Path.Combine(server.DataDirectory, SelfSignedCertificate.FileName);
        try
        {
            X509Certificate2? seen = null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                {
                    seen = certificate is null ? null : new X509Certificate2(certificate);
                    return certificate is not null;
                },
            };
            using var https = new HttpClient(handler) { BaseAddress = server.BaseUrl };
            using var response = await https.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
            AssertSecurityHeaders(response);

            using var kept = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, null);
            Assert.NotNull(seen);
            Assert.Equal(kept.Thumbprint, seen.Thumbprint);
            using var key = kept.GetECDsaPublicKey();
            Assert.Equal(256, key?.KeySize);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(certificatePath));
            }
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_first_administrator_is_created_once_with_the_printed_token()
    {
        var line = _server.Console.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/setup#token=", StringComparison.Ordinal));
        var token = line[(line.IndexOf("#token=", StringComparison.Ordinal) + 7)..];
        Assert.True(token.Length >= 43, "token shorter than 256 bits");

        Assert.Equal(HttpStatusCode.Forbidden, (await PostSetup("wrong-" + token, "admin@anhop.test")).StatusCode);
        var weak = await PostSetup(token, "admin@anhop.test", password: "short");
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostSetup(token, "admin@anhop.test")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostSetup(token, "second@anhop.test")).StatusCode);

        var home = await _http.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.DoesNotContain("data-role=\"setup-needed\"", home, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostSetup(string token, string email, string password = "correct horse battery staple")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/setup")
        {
            Content = JsonContent.Create(new { token, email, displayName = "Quản trị viên", password, confirmPassword = password }),
        };
        request.Headers.Add("X-AnHop-Request", "1");
        return await _http.SendAsync(request);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        string Header(string name) => string.Join(",", response.Headers.TryGetValues(name, out var v) ? v : []);
        Assert.Equal(AnHop.Server.Hosting.SecurityHeaders.ContentSecurityPolicy, Header("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", Header("Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.StartsWith("camera=(self), microphone=(self), display-capture=(self)", Header("Permissions-Policy"), StringComparison.Ordinal);
    }
}
