using AnHop.Server.Hosting;
using Microsoft.AspNetCore.Builder;

namespace AnHop.Testing;

/// <summary>
/// A real AnHop server (Kestrel, SQLite in a temporary folder) on 127.0.0.1 and a free port.
/// Shared by the server and browser test projects (linked source).
/// </summary>
public sealed class AnHopServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private AnHopServer(WebApplication app, string dataDirectory, Uri baseUrl, string console)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        Console = console;
    }

    public Uri BaseUrl { get; }

    /// <summary>What the server printed for the operator at start (URLs, the one-time set-up link).</summary>
    public string Console { get; }

    public string DataDirectory => _dataDirectory;

    public IServiceProvider Services => _app.Services;

    public static async Task<AnHopServer> StartAsync(params string[] extraArgs)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("anhop-test-").FullName;
        string[] args =
        [
            $"--AnHop:DataDirectory={dataDirectory}",
            "--AnHop:Http:Address=127.0.0.1",
            "--AnHop:Http:Port=0",
            "--AnHop:Https:Enabled=false",
            "--AnHop:Media:ListenAddress=127.0.0.1",
            "--AnHop:Media:UdpPort=0",
            "--AnHop:Media:TcpPort=0",
            "--AnHop:Media:Simulcast=false", // lean browser tests on 2 cores; the simulcast test turns it on
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        var app = AnHopApp.Build(args);
        using var console = new StringWriter();
        await AnHopApp.StartAsync(app, console);
        var url = AnHopApp.PublicUrls(app).First();
        return new AnHopServer(app, dataDirectory, new Uri(url), console.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
