namespace AnHop.Server.Options;

/// <summary>Where AnHop keeps its state: the SQLite file, the HTTPS certificate, Data Protection keys.</summary>
public sealed class AnHopOptions
{
    public const string Section = "AnHop";

    /// <summary>Folder for the database, keys and certificate; relative paths resolve against the current directory.</summary>
    public string DataDirectory { get; set; } = "data";

    public HttpEndpointOptions Http { get; set; } = new() { Address = "127.0.0.1", Port = 8080 };

    public HttpsEndpointOptions Https { get; set; } = new() { Address = "0.0.0.0", Port = 8443 };

    public DatabaseOptions Database { get; set; } = new();

    public string ResolvedDataDirectory => Path.GetFullPath(DataDirectory);
}

/// <summary>A listening address: an IP address, "0.0.0.0"/"::" for all, or "localhost".</summary>
public class HttpEndpointOptions
{
    public bool Enabled { get; set; } = true;

    public string Address { get; set; } = "127.0.0.1";

    /// <summary>0 lets the system pick a free port (tests).</summary>
    public int Port { get; set; }
}

public sealed class HttpsEndpointOptions : HttpEndpointOptions
{
    /// <summary>
    /// A PFX certificate to serve; when empty AnHop generates a self-signed certificate on first start
    /// and keeps it in the data folder, so browsers on the LAN may use camera and microphone.
    /// </summary>
    public string CertificatePath { get; set; } = "";

    public string CertificatePassword { get; set; } = "";

    /// <summary>Extra host names or IP addresses for the generated certificate (besides localhost and this machine's addresses).</summary>
    public string[] CertificateHosts { get; set; } = [];
}

public enum DatabaseProvider
{
    Sqlite,
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>When empty, the SQLite file <c>anhop.db</c> in the data folder.</summary>
    public string ConnectionString { get; set; } = "";
}
