namespace AnHop.Media.Sfu.Negotiation;

/// <summary>
/// One m-line of a subscriber's receive connection: a consumer the SFU sends, or the slot of one that ended.
/// </summary>
/// <param name="Mid">The m-line's mid; equal to <c>Parameters.Mid</c>.</param>
/// <param name="Parameters">The SFU-chosen codec (its payload types), one encoding with the consumer's SSRC (+RTX SSRC),
/// the header extensions the SFU writes, and the cname; <see cref="SfuCapabilities.CreateConsumerParameters"/> builds them.</param>
/// <param name="StreamId">The msid stream id the subscriber's ontrack sees (the publisher's participant or stream).</param>
/// <param name="TrackId">The msid track id.</param>
/// <param name="Active">False once the consumer ended: the m-line goes inactive (and port 0 unless it is the first).</param>
public sealed record ConsumerDescription(string Mid, RtpParameters Parameters, string StreamId, string TrackId, bool Active = true);
