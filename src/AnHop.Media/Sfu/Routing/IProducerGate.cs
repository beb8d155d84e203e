namespace AnHop.Media.Sfu.Routing;

/// <summary>
/// The meeting layer's say on who may publish what: asked once per <see cref="Router.Produce"/>. A refused
/// producer is never created, so none of its media can be forwarded (e.g. a screen share not allowed, or any
/// producer while the participant is force-muted).
/// </summary>
public interface IProducerGate
{
    bool Allows(string participantId, ProducerSource source);
}
