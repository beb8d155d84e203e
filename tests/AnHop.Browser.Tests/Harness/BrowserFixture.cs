using Microsoft.Playwright;

namespace AnHop.Browser.Tests.Harness;

/// <summary>One AnHop server and one Chromium for the test collection; each test gets a fresh browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private AnHopServer? _server;

    public AnHopServer Server => _server ?? throw new InvalidOperationException("not started");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        TestNetwork.RequireIsolatedNamespace();
        _server = await AnHopServer.StartAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    public async Task<(IBrowserContext Context, IPage Page, PageRecorder Recorder)> NewPageAsync(AnHopServer? server = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (server ?? Server).BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 800, Height = 600 },
        });
        var recorder = new PageRecorder(context);
        var page = await context.NewPageAsync();
        return (context, page, recorder);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
