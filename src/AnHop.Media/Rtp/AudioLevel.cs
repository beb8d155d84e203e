namespace AnHop.Media.Rtp;

/// <summary>
/// The client-to-mixer audio level of one packet (RFC 6464 §3): the level in −dBov, 0 (loudest) to 127 (silence),
/// and whether the sender's voice activity detector judged the packet to contain speech.
/// </summary>
public readonly record struct AudioLevel(bool VoiceActivity, byte Level);
