using System.Text.Json;

namespace AnHop.Server.Web;

/// <summary>
/// Maps the client's logical asset names (app.js, styles.css) to the content-hashed files esbuild wrote,
/// from wwwroot/asset-manifest.json. Pages link the hashed names, so a new build reaches every browser at once.
/// </summary>
public sealed class AssetManifest
{
    private readonly Dictionary<string, string> _assets;

    public AssetManifest(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var file = environment.WebRootFileProvider.GetFileInfo("asset-manifest.json");
        if (!file.Exists)
        {
            throw new InvalidOperationException(
                $"The web client is not built: {Path.Combine(environment.WebRootPath ?? "wwwroot", "asset-manifest.json")} is missing. Build with 'dotnet build' (it runs the esbuild bundle in src/web).");
        }

        using var stream = file.CreateReadStream();
        _assets = JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [];
    }

    public string Url(string logicalName) =>
        _assets.TryGetValue(logicalName, out var path)
            ? "/" + path
            : throw new InvalidOperationException($"asset '{logicalName}' is not in asset-manifest.json");
}
