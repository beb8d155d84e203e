using AnHop.Core.Meetings;
using AnHop.Server.Media;
using Microsoft.AspNetCore.SignalR;

namespace AnHop.Server.Meetings;

/// <summary>Media signalling. Publishing needs no capability here: the SFU's gate checks each source's capability live.</summary>
public sealed partial class MeetingHub
{
    [RequiresCapability(Capabilities.None)]
    public Task<PublishResult> Publish(string offerSdp, PublishedSource[] sources) =>
        media.PublishAsync(Me, offerSdp ?? "", sources ?? []);

    [RequiresCapability(Capabilities.Subscribe)]
    public Task AnswerSubscription(string answerSdp) => media.AnswerSubscriptionAsync(Me, answerSdp ?? "");

    /// <summary>Receive this track again (after <see cref="Unsubscribe"/>).</summary>
    [RequiresCapability(Capabilities.Subscribe)]
    public Task Subscribe(string trackId) => media.SetSubscribedAsync(Me, trackId ?? "", subscribed: true);

    /// <summary>Stop receiving this track (a remote participant's camera, microphone or screen).</summary>
    [RequiresCapability(Capabilities.Subscribe)]
    public Task Unsubscribe(string trackId) => media.SetSubscribedAsync(Me, trackId ?? "", subscribed: false);

    /// <summary>How large this participant shows a remote video; the SFU sends the simulcast layer that fits.</summary>
    [RequiresCapability(Capabilities.Subscribe)]
    public Task SetVideoSize(string trackId, int width, int height) => media.SetVideoSizeAsync(Me, trackId ?? "", width, height);
}
