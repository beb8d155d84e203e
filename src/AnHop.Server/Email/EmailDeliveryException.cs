namespace AnHop.Server.Email;

/// <summary>
/// The SMTP server could not be reached or refused the message. The message names neither the recipient nor the
/// server's reply, so an endpoint may pass it on as a clear "the invitation could not be sent" error.
/// </summary>
public sealed class EmailDeliveryException : Exception
{
    public EmailDeliveryException()
        : this("The invitation e-mail could not be sent.")
    {
    }

    public EmailDeliveryException(string message)
        : base(message)
    {
    }

    public EmailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
