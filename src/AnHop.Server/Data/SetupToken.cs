namespace AnHop.Server.Data;

/// <summary>
/// The one-time token that lets the first administrator be created. Only its SHA-256 hash is stored;
/// the token itself is printed once on the console and never kept.
/// </summary>
public sealed class SetupToken
{
    public int Id { get; set; }

    public byte[] TokenHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
