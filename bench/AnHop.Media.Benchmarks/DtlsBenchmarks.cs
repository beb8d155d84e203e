using AnHop.Media.Dtls;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>
/// DTLS costs: the per-datagram queue hop (the only DTLS work on the socket thread), the fingerprint check,
/// and one whole in-memory DTLS-SRTP handshake (both roles, warm).
/// </summary>
[MemoryDiagnoser]
public class DtlsBenchmarks
{
    private readonly byte[] _datagram = new byte[1200];
    private readonly byte[] _buffer = new byte[1500];
    private DtlsDatagramTransport _transport = null!;
    private DtlsCertificate _serverCertificate = null!;
    private DtlsCertificate _clientCertificate = null!;
    private byte[] _certificateDer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _transport = new DtlsDatagramTransport(static _ => { });
        _serverCertificate = DtlsCertificate.Generate();
        _clientCertificate = DtlsCertificate.Generate();
        _certificateDer = _serverCertificate.ExportCertificateDer();
    }

    [Benchmark]
    public int EnqueueThenReceive()
    {
        _transport.Enqueue(_datagram);
        return _transport.Receive(_buffer, 0, _buffer.Length, 1);
    }

    [Benchmark]
    public bool FingerprintMatches() => _serverCertificate.Fingerprint.Matches(_certificateDer);

    [Benchmark]
    public DtlsHandshakeResult InMemoryHandshake()
    {
        var gate = new object();
        var held = new List<byte[]>();
        DtlsSession? client = null;
        using var server = DtlsSession.StartServer(_serverCertificate, _clientCertificate.Fingerprint, datagram =>
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
        });
        using var started = DtlsSession.StartClient(_clientCertificate, _serverCertificate.Fingerprint, datagram => server.Enqueue(datagram));
        lock (gate)
        {
            client = started;
            held.ForEach(datagram => started.Enqueue(datagram));
        }

        started.Handshake.Wait();
        return server.Handshake.GetAwaiter().GetResult();
    }
}
