namespace AnHop.Media.Dtls;

/// <summary>
/// Runs one throwaway in-memory handshake so that the JIT has compiled BC's DTLS code before the first browser
/// connects. Cold, BC needs 60–100 ms to send its first flight and Chromium retransmits its ClientHello meanwhile;
/// warm, the whole server side takes a few milliseconds (../shared/DTLS.md §3).
/// </summary>
public static class DtlsWarmUp
{
    public static async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var serverCertificate = DtlsCertificate.Generate("anhop-warm-up");
        var clientCertificate = DtlsCertificate.Generate("anhop-warm-up");
        var gate = new object();
        var held = new List<byte[]>();
        DtlsSession? client = null;

        // The server may answer before StartClient returns; hold those datagrams until the client exists.
        void ToClient(ReadOnlySpan<byte> datagram)
        {
            lock (gate)
            {
                if (client is null)
                {
                    held.Add(datagram.ToArray());
                }
                else
                {
                    client.Enqueue(datagram);
                }
            }
        }

        using var server = DtlsSession.StartServer(serverCertificate, clientCertificate.Fingerprint, ToClient);
        using var started = DtlsSession.StartClient(clientCertificate, serverCertificate.Fingerprint, datagram => server.Enqueue(datagram));
        lock (gate)
        {
            client = started;
            foreach (var datagram in held)
            {
                started.Enqueue(datagram);
            }
        }

        await Task.WhenAll(server.Handshake, started.Handshake).WaitAsync(cancellationToken);
    }
}
