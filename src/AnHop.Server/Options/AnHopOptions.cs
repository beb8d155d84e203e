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

    public MediaOptions Media { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Sign-in throttles and idle limits (bound again by the accounts feature; here so unknown keys are errors).</summary>
    public AnHop.Server.Accounts.AccountOptions Accounts { get; set; } = new();

    /// <summary>Public URL and admission throttles (bound again by the meeting directory; here so unknown keys are errors).</summary>
    public AnHop.Server.Meetings.Directory.MeetingDirectoryOptions Meetings { get; set; } = new();

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

/// <summary>The in-process SFU: one UDP port for every transport, and ICE-TCP for networks that block UDP.</summary>
public sealed class MediaOptions
{
    /// <summary>Where the media sockets listen.</summary>
    public string ListenAddress { get; set; } = "0.0.0.0";

    /// <summary>
    /// The address put in ICE candidates (a public or 1:1-NAT address when it differs from the listen address).
    /// Empty: the listen address, or when that is 0.0.0.0 this machine's first non-loopback IPv4 address.
    /// </summary>
    public string AnnouncedAddress { get; set; } = "";

    /// <summary>UDP port for every transport; 0 picks a free one.</summary>
    public int UdpPort { get; set; } = 40000;

    public bool IceTcpEnabled { get; set; } = true;

    /// <summary>ICE-TCP passive port; 0 picks a free one.</summary>
    public int TcpPort { get; set; } = 40000;

    /// <summary>Browsers send their camera in three simulcast layers, so each subscriber gets the size it shows.</summary>
    public bool Simulcast { get; set; } = true;

    /// <summary>For tests of loss repair only: the percentage of forwarded RTP packets dropped on purpose. Off (0) by default.</summary>
    public double ForwardedLossPercent { get; set; }
}

public enum SmtpSecurity
{
    /// <summary>No TLS at all: only for a relay on this machine or a trusted local network.</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS (port 587); refused when the server does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>The SMTP server invitations are sent through. Off by default: AnHop works without e-mail.</summary>
public sealed class SmtpOptions
{
    public bool Enabled { get; set; }

    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: the server accepts mail without authentication.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public string FromAddress { get; set; } = "";

    public string FromName { get; set; } = "AnHop";
}
