namespace AnHop.Server;

/// <summary>
/// Anchor type of the UI strings in Resources/SharedResource.resx (Vietnamese, the neutral language)
/// and Resources/SharedResource.en.resx (English).
/// </summary>
public sealed class SharedResource;
