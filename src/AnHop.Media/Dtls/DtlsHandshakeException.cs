namespace AnHop.Media.Dtls;

/// <summary>A DTLS-SRTP handshake did not complete; the message says why in plain words.</summary>
public sealed class DtlsHandshakeException : Exception
{
    public DtlsHandshakeException()
    {
    }

    public DtlsHandshakeException(string message)
        : base(message)
    {
    }

    public DtlsHandshakeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
