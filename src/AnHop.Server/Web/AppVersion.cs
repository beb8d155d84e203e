using System.Reflection;

namespace AnHop.Server.Web;

/// <summary>AnHop's version as shown in the page footer and by <c>--version</c>.</summary>
public static class AppVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(AppVersion).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // "0.1.0+<full commit>": keep 12 hex digits of the commit, enough to identify a build.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 && informational.Length > plus + 13 ? informational[..(plus + 13)] : informational;
    }
}
