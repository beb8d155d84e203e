using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using AnHop.Media.Sfu.Routing;
using AnHop.Media.Sfu.Transport;
using AnHop.Server.Meetings;

namespace AnHop.Server.Media;

/// <summary>
/// One participant's media state: a send transport (the browser offers, the SFU answers) and a receive transport
/// (the SFU offers one m-line per consumer, the browser answers). Guarded by its meeting's lock.
/// </summary>
internal sealed class ParticipantMedia(MeetingParticipant participant, WebRtcTransport send, WebRtcTransport receive, SubscribeNegotiation subscribe)
{
    public MeetingParticipant Participant { get; } = participant;

    public WebRtcTransport Send { get; } = send;

    public WebRtcTransport Receive { get; } = receive;

    public SubscribeNegotiation Subscribe { get; } = subscribe;

    /// <summary>Producers by the mid of their m-line on the send connection.</summary>
    public Dictionary<string, Producer> Producers { get; } = new(StringComparer.Ordinal);

    /// <summary>The receive connection's m-lines in order; ended consumers stay as inactive entries (JSEP never removes m-lines).</summary>
    public List<(ConsumerDescription Description, Consumer? Consumer)> Consumers { get; } = [];

    /// <summary>Producers (by id) this participant chose not to receive; new producers are received unless listed.</summary>
    public HashSet<string> Unsubscribed { get; } = new(StringComparer.Ordinal);

    public bool SendConnected { get; set; }

    /// <summary>An offer was made while another waited for its answer: offer again once it comes.</summary>
    public bool OfferOutdated { get; set; }

    public int NextMid { get; set; }
}
