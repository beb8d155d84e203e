using Org.BouncyCastle.Tls;

namespace AnHop.Media.Dtls;

/// <summary>An alert this side sent (<see cref="Raised"/>) or received (RFC 5246 §7.2).</summary>
public readonly record struct DtlsAlertEvent(bool Raised, byte Level, byte Description, string? Message, Exception? Cause)
{
    public bool IsFatal => Level == AlertLevel.fatal;

    /// <summary>The RFC name, e.g. <c>bad_certificate(42)</c>.</summary>
    public string DescriptionText => AlertDescription.GetText((short)Description);

    public override string ToString() =>
        $"{(Raised ? "sent" : "received")} {AlertLevel.GetText(Level)} alert {DescriptionText}{(Message is null ? "" : ": " + Message)}";
}
