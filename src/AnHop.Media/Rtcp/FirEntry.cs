namespace AnHop.Media.Rtcp;

/// <summary>One FIR FCI entry (RFC 5104 §4.3.1.1): the SSRC asked for a decoder refresh and the request's command sequence number.</summary>
public readonly record struct FirEntry(uint Ssrc, byte SequenceNumber);
