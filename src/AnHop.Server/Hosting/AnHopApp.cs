using System.Net;
using AnHop.Server.Accounts;
using AnHop.Server.Accounts.Passkeys;
using AnHop.Server.Data;
using AnHop.Server.Email;
using AnHop.Server.Health;
using AnHop.Core.Meetings;
using AnHop.Server.Localization;
using AnHop.Server.Media;
using AnHop.Server.Meetings;
using AnHop.Server.Meetings.Entry;
using AnHop.Server.Meetings.Directory;
using AnHop.Server.Options;
using AnHop.Server.Setup;
using AnHop.Server.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AnHop.Server.Hosting;

/// <summary>The composition root: configuration, services, Kestrel endpoints and the request pipeline.</summary>
public static class AnHopApp
{
    /// <summary>Builds the application; a bad configuration value throws <see cref="ConfigurationException"/>.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        customize?.Invoke(builder);

        var options = BindAndValidate(builder.Configuration);
        var dataDirectory = DataDirectory.Ensure(options.ResolvedDataDirectory);

        builder.Services.AddOptions<AnHopOptions>()
            .Bind(builder.Configuration.GetSection(AnHopOptions.Section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AnHopOptions>, AnHopOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddDbContext<AnHopDbContext>(db => UseDatabase(db, options, dataDirectory));
        builder.Services.AddDataProtection()
            .SetApplicationName("AnHop")
            .PersistKeysToFileSystem(new DirectoryInfo(DataDirectory.Ensure(Path.Combine(dataDirectory, "keys"))));
        builder.Services.AddAnHopAccounts();
        builder.Services.AddAnHopPasskeys();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RateLimits.OnRejectedAsync;
        });
        builder.Services.AddScoped<FirstAdministratorSetup>();

        builder.Services.AddAnHopLocalization();
        builder.Services.AddSingleton<AssetManifest>();
        builder.Services.AddScoped<PageRenderer>();
        builder.Services.AddHttpContextAccessor(); // the page header shows who is signed in
        builder.Services.AddProblemDetails();
        builder.Services.AddAnHopHealthChecks();
        builder.Services.AddAnHopEmail();
        builder.Services.AddAnHopMeetingDirectory(builder.Configuration);

        builder.Services.AddSingleton<JoinTicketStore>();
        builder.Services.AddLiveMeetings();
        builder.Services.AddSingleton<SfuHost>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SfuHost>());
        builder.Services.AddSingleton<MeetingMedia>();
        builder.Services.AddSignalR(hub =>
        {
            hub.AddFilter<HubAuthorizationFilter>();
            hub.MaximumReceiveMessageSize = 64 * 1024; // a browser's offer with simulcast is about 6 KB
            hub.EnableDetailedErrors = false;
        });

        ConfigureKestrel(builder, options, dataDirectory);

        var app = builder.Build();
        ConfigurePipeline(app);
        return app;
    }

    /// <summary>Binds the "AnHop" section strictly (unknown keys and unconvertible values are errors) and validates it.</summary>
    public static AnHopOptions BindAndValidate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new AnHopOptions();
        try
        {
            configuration.GetSection(AnHopOptions.Section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigurationException([DescribeBindingFailure(ex)]);
        }

        var result = new AnHopOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ConfigurationException(result.Failures);
        }

        return options;
    }

    private static string DescribeBindingFailure(InvalidOperationException ex)
    {
        var message = ex.Message;
        if (message.Contains(nameof(DatabaseProvider), StringComparison.Ordinal))
        {
            message += $" Allowed values: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.";
        }

        return message;
    }

    private static void UseDatabase(DbContextOptionsBuilder db, AnHopOptions options, string dataDirectory)
    {
        switch (options.Database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var connection = string.IsNullOrWhiteSpace(options.Database.ConnectionString)
                    ? $"Data Source={Path.Combine(dataDirectory, "anhop.db")}"
                    : options.Database.ConnectionString;
                db.UseSqlite(connection);
                break;
            default:
                throw new ConfigurationException($"AnHop:Database:Provider = '{options.Database.Provider}' is not supported.");
        }
    }

    private static void ConfigureKestrel(WebApplicationBuilder builder, AnHopOptions options, string dataDirectory)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            if (options.Http.Enabled)
            {
                Listen(kestrel, options.Http, configure: null);
            }

            if (options.Https.Enabled)
            {
                var certificate = LoadCertificate(options.Https, dataDirectory, kestrel.ApplicationServices);
                Listen(kestrel, options.Https, listen => listen.UseHttps(certificate));
            }
        });
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, HttpEndpointOptions endpoint,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions>? configure)
    {
        if (string.Equals(endpoint.Address, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(endpoint.Port, listen => configure?.Invoke(listen));
        }
        else
        {
            kestrel.Listen(IPAddress.Parse(endpoint.Address), endpoint.Port, listen => configure?.Invoke(listen));
        }
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 LoadCertificate(
        HttpsEndpointOptions https, string dataDirectory, IServiceProvider services)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AnHop.Https");
        if (!string.IsNullOrEmpty(https.CertificatePath))
        {
            var configured = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(
                https.CertificatePath, string.IsNullOrEmpty(https.CertificatePassword) ? null : https.CertificatePassword);
            Log.CertificateLoaded(logger, configured.Thumbprint, https.CertificatePath, configured.NotAfter.ToUniversalTime());
            return configured;
        }

        var certificate = SelfSignedCertificate.LoadOrCreate(dataDirectory, https.CertificateHosts, out var created);
        var path = Path.Combine(dataDirectory, SelfSignedCertificate.FileName);
        if (created)
        {
            var names = certificate.Extensions.OfType<System.Security.Cryptography.X509Certificates.X509SubjectAlternativeNameExtension>()
                .SelectMany(san => san.EnumerateDnsNames().Concat(san.EnumerateIPAddresses().Select(ip => ip.ToString())));
            Log.CertificateGenerated(logger, string.Join(", ", names), path);
        }
        else
        {
            Log.CertificateLoaded(logger, certificate.Thumbprint, path, certificate.NotAfter.ToUniversalTime());
        }

        return certificate;
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
            {
                // Hashed assets never change under their name; everything else is checked each time.
                context.Context.Response.Headers.CacheControl =
                    context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                        ? "public, max-age=31536000, immutable"
                        : "no-cache";
            },
        });
        app.Use(static (context, next) =>
        {
            // Pages and API answers are never cached by browsers or proxies.
            if (!context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal))
            {
                context.Response.Headers.CacheControl = "no-store";
            }

            return next(context);
        });

        app.UseRouting();
        app.Use(static (context, next) =>
        {
            // Nothing matched: answer 404 here, before the fallback authorization policy would turn it into a sign-in challenge.
            if (context.GetEndpoint() is null)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapAnHopHealth();
        app.MapHome();
        app.MapSetup();
        app.MapMeetingPage();
        app.MapMeetingEntry();
        app.MapMeetingDirectory();
        app.MapAwayPage();
        app.MapSignedInPages();
        app.MapAccounts();
        app.MapPasskeys();
        app.MapHub<MeetingHub>(MeetingHub.Path).AllowAnonymous(); // each hub method is authorised by HubAuthorizationFilter
    }

    /// <summary>Applies migrations, prints the one-time set-up link if needed, and starts listening.</summary>
    public static async Task StartAsync(WebApplication app, TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(console);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AnHop");
        string? setupToken = null;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnHopDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            await db.Database.MigrateAsync(cancellationToken);
            Log.DatabaseReady(logger, db.Database.ProviderName ?? "?", pending);
            var setup = scope.ServiceProvider.GetRequiredService<FirstAdministratorSetup>();
            if (await setup.IsNeededAsync(cancellationToken))
            {
                setupToken = await setup.IssueTokenAsync(cancellationToken);
            }
        }

        await app.StartAsync(cancellationToken);
        var urls = PublicUrls(app).ToList();
        foreach (var url in urls)
        {
            Log.Listening(logger, AppVersion.Current, url);
        }

        await console.WriteLineAsync($"AnHop {AppVersion.Current} is running:");
        foreach (var url in urls)
        {
            await console.WriteLineAsync($"  {url}");
        }

        if (setupToken is not null)
        {
            var baseUrl = urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.Ordinal)) ?? urls.FirstOrDefault() ?? "";
            await console.WriteLineAsync();
            await console.WriteLineAsync("No administrator exists yet. Open this one-time link to create the first one");
            await console.WriteLineAsync($"(valid for {FirstAdministratorSetup.TokenLifetime.TotalHours:0} hours, or until the next start):");
            await console.WriteLineAsync($"  {baseUrl}/setup#token={setupToken}");
        }

        await console.FlushAsync(cancellationToken);
    }

    /// <summary>The URLs a person can open: wildcard listeners are shown as localhost and this machine's addresses.</summary>
    public static IEnumerable<string> PublicUrls(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            var uri = new Uri(address.Replace("0.0.0.0", "localhost", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal));
            yield return $"{uri.Scheme}://{uri.Host}:{uri.Port}";
            if (address.Contains("0.0.0.0", StringComparison.Ordinal) || address.Contains("[::]", StringComparison.Ordinal))
            {
                foreach (var ip in LocalAddresses.LanIPv4())
                {
                    yield return $"{uri.Scheme}://{ip}:{uri.Port}";
                }
            }
        }
    }
}
