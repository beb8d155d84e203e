namespace AnHop.Media.Sfu.Routing;

/// <summary>An <see cref="IProducerGate"/> from a function, for callers that hold the policy as a lambda.</summary>
public sealed class DelegateProducerGate(Func<string, ProducerSource, bool> allows) : IProducerGate
{
    private readonly Func<string, ProducerSource, bool> _allows = allows ?? throw new ArgumentNullException(nameof(allows));

    /// <summary>Lets every producer through: for tests and meetings without restrictions.</summary>
    public static IProducerGate AllowAll { get; } = new DelegateProducerGate((_, _) => true);

    public bool Allows(string participantId, ProducerSource source) => _allows(participantId, source);
}
