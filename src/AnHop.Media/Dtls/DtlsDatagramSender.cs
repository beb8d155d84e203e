namespace AnHop.Media.Dtls;

/// <summary>Sends one DTLS datagram to the peer (for the SFU: the socket, to the ICE-selected address).</summary>
public delegate void DtlsDatagramSender(ReadOnlySpan<byte> datagram);
