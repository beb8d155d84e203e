using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AnHop.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AnHop.Server.Tests.Accounts;

/// <summary>A real server with every log line captured, and helpers to make accounts and browser-like clients.</summary>
internal sealed class AccountTestServer : IAsyncDisposable
{
    public const string GoodPassword = "lục bình trôi qua cầu Long Biên";

    private AccountTestServer(AnHopServer server, CapturedLogs logs)
    {
        Server = server;
        Logs = logs;
    }

    public AnHopServer Server { get; }

    public CapturedLogs Logs { get; }

    /// <summary>Throttles are raised unless <paramref name="defaultThrottles"/>, so tests that sign in often are not limited.</summary>
    public static async Task<AccountTestServer> StartAsync(bool defaultThrottles = false, params string[] extraArgs)
    {
        string[] args =
        [
            "--Logging:LogLevel:Default=Debug",
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
            .. defaultThrottles ? Array.Empty<string>() : ["--AnHop:Accounts:SignInPermitsPerIpPerMinute=1000", "--AnHop:Accounts:SignInPermitsPerAccountPerMinute=1000"],
            .. extraArgs,
        ];
        var server = await AnHopServer.StartAsync(args);
        var logs = new CapturedLogs();
        server.Services.GetRequiredService<ILoggerFactory>().AddProvider(logs);
        return new AccountTestServer(server, logs);
    }

    public async Task<AnHopUser> CreateUserAsync(string email, string password = GoodPassword, string displayName = "Trần Thị Bích", string? role = null)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AnHopUser>>();
        var user = new AnHopUser { UserName = email, Email = email, DisplayName = displayName, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Code)));
        if (role is not null)
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }

            await users.AddToRoleAsync(user, role);
        }

        return user;
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> action)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        await action(scope.ServiceProvider);
    }

    public Browser NewBrowser() => new(Server.BaseUrl);

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Logs.Dispose();
    }
}

/// <summary>One browser: its own cookie jar, and the request header state-changing calls need.</summary>
internal sealed class Browser : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Browser(Uri baseUrl)
    {
        Client = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = baseUrl };
        Client.DefaultRequestHeaders.Add("X-AnHop-Request", "1");
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Client { get; }

    public Task<HttpResponseMessage> PostAsync(string path, object? body = null) => Client.PostAsJsonAsync(path, body ?? new { }, Json);

    public Task<HttpResponseMessage> SignInAsync(string email, string password) =>
        PostAsync("/api/account/sign-in", new { email, password });

    public async Task<string> SignInStatusAsync(string email, string password)
    {
        using var response = await SignInAsync(email, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadAsync(response)).GetProperty("status").GetString()!;
    }

    public async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return response.StatusCode;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Json));

    public void Dispose() => Client.Dispose();
}

/// <summary>Every log line the server writes, with its exception, to scan for secrets.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public string Text => string.Join('\n', _lines);

    public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Capture(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var properties = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner._lines.Enqueue($"{category} {eventId.Id} {formatter(state, exception)} {properties} {exception}");
        }
    }
}
