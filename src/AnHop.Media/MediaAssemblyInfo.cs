namespace AnHop.Media;

/// <summary>Marker for the media assembly (reflection, benchmarks and tests find it by this type).</summary>
public static class MediaAssembly
{
    public static string Version { get; } =
        typeof(MediaAssembly).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
