namespace AnHop.Media.Rtp;

/// <summary>The per-packet fields of the RTP fixed header (RFC 3550 §5.1) that a writer needs.</summary>
public readonly record struct RtpHeaderFields(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc);
