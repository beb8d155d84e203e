using System.Collections.Concurrent;
using AnHop.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace AnHop.Testing;

/// <summary>
/// A real AnHop server (Kestrel, SQLite in a temporary folder) on 127.0.0.1 and a free port.
/// Shared by the server and browser test projects (linked source).
/// </summary>
public sealed class AnHopServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;
    private readonly LogCapture _logs;

    private AnHopServer(WebApplication app, string dataDirectory, Uri baseUrl, string console, LogCapture logs)
    {
        _app = app;
        _logs = logs;
        _dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
        Console = console;
    }

    public Uri BaseUrl { get; }

    /// <summary>What the server printed for the operator at start (URLs, the one-time set-up link).</summary>
    public string Console { get; }

    public string DataDirectory => _dataDirectory;

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Every log line the server wrote at Information or above (whatever the console shows), with exceptions:
    /// "Level Category[EventId] Message". For <see cref="SecretScan"/>.
    /// </summary>
    public IReadOnlyList<string> LogLines => _logs.Lines;

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
        var logs = new LogCapture();
        var app = AnHopApp.Build(args, builder =>
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.AddFilter<LogCapture>(null, LogLevel.Information);
        });
        using var console = new StringWriter();
        await AnHopApp.StartAsync(app, console);
        var url = AnHopApp.PublicUrls(app).First();
        return new AnHopServer(app, dataDirectory, new Uri(url), console.ToString(), logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    /// <summary>Keeps the server's log lines in memory (declared here: this file is linked into the browser tests).</summary>
    private sealed class LogCapture : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyList<string> Lines => [.. _lines];

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = $"{logLevel} {category}[{eventId.Id}] {formatter(state, exception)}";
                lines.Enqueue(exception is null ? line : line + Environment.NewLine + exception);
            }
        }
    }
}
