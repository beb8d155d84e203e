namespace AnHop.Media.Sfu.Routing;

/// <summary>Thrown by <see cref="Router.Produce"/> when the <see cref="IProducerGate"/> refuses the producer.</summary>
public sealed class ProducerRefusedException : InvalidOperationException
{
    public ProducerRefusedException()
    {
    }

    public ProducerRefusedException(string message)
        : base(message)
    {
    }

    public ProducerRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ProducerRefusedException(string participantId, ProducerSource source)
        : base($"participant {participantId} may not produce {source}")
    {
        ParticipantId = participantId;
        RefusedSource = source;
    }

    public string? ParticipantId { get; }

    public ProducerSource RefusedSource { get; }
}
