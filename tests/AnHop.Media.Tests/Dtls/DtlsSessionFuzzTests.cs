using AnHop.Media.Dtls;
using static AnHop.Media.Tests.Dtls.DtlsTestPeers;

namespace AnHop.Media.Tests.Dtls;

/// <summary>
/// Hostile datagrams fed to a DTLS server session. Each session runs BC's full server state machine on its own
/// thread and may answer a mutated ClientHello with a whole signed flight, so this runs 200 sessions rather than
/// the 10^6 inputs of <c>Fuzzer.Run</c>: enough to cover random noise, DTLS-looking headers and mutations of a
/// real ClientHello, within a couple of seconds.
/// </summary>
public class DtlsSessionFuzzTests
{
    private const int Sessions = 200;

    [Fact]
    public async Task Random_and_mutated_datagrams_fail_the_handshake_cleanly()
    {
        var clientHello = await CaptureClientHello();
        var random = new Random(20261125);
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Sessions; i++)
        {
            var replies = 0;
            var server = DtlsSession.StartServer(ServerCertificate, ClientCertificate.Fingerprint, _ => Interlocked.Increment(ref replies),
                new DtlsSessionOptions { HandshakeTimeout = TimeSpan.FromSeconds(5) });
            for (var n = random.Next(1, 5); n > 0; n--)
            {
                server.Enqueue(NextInput(random, clientHello));
            }

            await Drained(server);
            server.Dispose();

            // The only acceptable outcome: the handshake task fails with our exception; nothing escapes the thread.
            var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server.Handshake.WaitAsync(Patience));
            Assert.Equal(DtlsCloseReason.HandshakeFailed, await server.Completion.WaitAsync(Patience));
            var kind = replies > 0 ? "answered" : "ignored";
            outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;
            Assert.NotNull(error.Message);
        }

        // Mutations of a real ClientHello must sometimes get as far as a ServerHello, or the fuzz is too shallow.
        Assert.True(outcomes.GetValueOrDefault("answered") > 0, $"no input was answered: {string.Join(", ", outcomes)}");
    }

    private static byte[] NextInput(Random random, byte[] clientHello)
    {
        switch (random.Next(3))
        {
            case 0:
                var noise = new byte[random.Next(0, 1500)];
                random.NextBytes(noise);
                return noise;
            case 1:
                // A DTLS 1.2 record header (RFC 6347 §4.1) with random content type, epoch and body.
                var record = new byte[13 + random.Next(0, 300)];
                random.NextBytes(record);
                record[0] = (byte)random.Next(20, 26);
                record[1] = 0xFE;
                record[2] = 0xFD;
                record[11] = (byte)((record.Length - 13) >> 8);
                record[12] = (byte)(record.Length - 13);
                return record;
            default:
                var mutated = (byte[])clientHello.Clone();
                for (var edits = random.Next(1, 4); edits > 0; edits--)
                {
                    mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
                }

                return random.Next(4) == 0 ? mutated[..random.Next(mutated.Length)] : mutated;
        }
    }

    /// <summary>Waits (bounded) until the session thread has taken every queued datagram.</summary>
    private static async Task Drained(DtlsSession session)
    {
        for (var waited = 0; session.Transport.QueuedDatagrams > 0 && waited < 2000; waited++)
        {
            await Task.Delay(1);
        }
    }

    private static async Task<byte[]> CaptureClientHello()
    {
        var wire = new DtlsWire();
        using var client = DtlsSession.StartClient(ClientCertificate, ServerCertificate.Fingerprint, wire.Send);
        for (var waited = 0; wire.Sent.Count == 0 && waited < 5000; waited++)
        {
            await Task.Delay(1);
        }

        return wire.Sent[0];
    }
}
