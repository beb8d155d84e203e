using AnHop.Media.Dtls;
using AnHop.Media.Srtp;
using Org.BouncyCastle.Tls;
using static AnHop.Media.Tests.Dtls.DtlsTestPeers;

namespace AnHop.Media.Tests.Dtls;

/// <summary>
/// Full handshakes between AnHop's DTLS server and client in one process. Each costs 5–150 ms (cold JIT first),
/// so the set is kept small: one per behaviour.
/// </summary>
public class DtlsHandshakeTests
{
    private static readonly DtlsSessionOptions Quick = new() { InitialRetransmission = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task Handshake_agrees_on_AEAD_AES_128_GCM_with_mirrored_keys_then_close_notify_reaches_the_server()
    {
        var clientAlerts = new List<DtlsAlertEvent>();
        var (server, client) = Connect(clientOptions: new() { AlertLogger = alert => { lock (clientAlerts) { clientAlerts.Add(alert); } } });
        using (server)
        {
            var (serverResult, clientResult) = await BothComplete(server, client);

            Assert.Equal(SrtpProfile.AeadAes128Gcm, serverResult.Profile);
            Assert.Equal(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, serverResult.CipherSuite);
            Assert.Equal(12, serverResult.Keys.LocalMasterSalt.Length);
            AssertMirrored(serverResult, clientResult);
            Assert.Equal(ClientCertificate.Fingerprint, serverResult.PeerFingerprint);
            Assert.Equal(ServerCertificate.Fingerprint, clientResult.PeerFingerprint);

            client.Dispose();
            Assert.Equal(DtlsCloseReason.LocalClose, await client.Completion.WaitAsync(Patience));
            Assert.Equal(DtlsCloseReason.CloseNotify, await server.Completion.WaitAsync(Patience));
            lock (clientAlerts)
            {
                // Closing from another thread than the session's must not make BC raise a spurious fatal alert.
                Assert.Contains(clientAlerts, a => a.Raised && a.Description == AlertDescription.close_notify);
                Assert.DoesNotContain(clientAlerts, a => a.IsFatal);
            }
        }
    }

    [Fact]
    public async Task Client_offering_only_AES_CM_gets_SRTP_AES128_CM_HMAC_SHA1_80()
    {
        var (server, client) = Connect(clientOptions: new() { SrtpProfiles = [SrtpProfile.Aes128CmHmacSha1_80] });
        using (server)
        using (client)
        {
            var (serverResult, clientResult) = await BothComplete(server, client);

            Assert.Equal(SrtpProfile.Aes128CmHmacSha1_80, serverResult.Profile);
            Assert.Equal(14, clientResult.Keys.LocalMasterSalt.Length);
            AssertMirrored(serverResult, clientResult);
        }
    }

    [Fact]
    public async Task Server_preference_decides_when_both_profiles_are_offered()
    {
        var (server, client) = Connect(
            serverOptions: new() { SrtpProfiles = [SrtpProfile.Aes128CmHmacSha1_80, SrtpProfile.AeadAes128Gcm] },
            clientOptions: new() { SrtpProfiles = [SrtpProfile.AeadAes128Gcm, SrtpProfile.Aes128CmHmacSha1_80] });
        using (server)
        using (client)
        {
            var (serverResult, clientResult) = await BothComplete(server, client);

            Assert.Equal(SrtpProfile.Aes128CmHmacSha1_80, clientResult.Profile);
            AssertMirrored(serverResult, clientResult);
        }
    }

    [Fact]
    public async Task Client_expecting_another_server_fingerprint_refuses_with_bad_certificate()
    {
        var alerts = new List<DtlsAlertEvent>();
        var (server, client) = Connect(
            serverOptions: new() { AlertLogger = alert => { lock (alerts) { alerts.Add(alert); } } },
            clientExpects: ClientCertificate.Fingerprint);
        using (server)
        using (client)
        {
            var clientError = await Fails(client);
            var serverError = await Fails(server);

            Assert.Contains("server certificate does not match the fingerprint", clientError.Message, StringComparison.Ordinal);
            Assert.Contains("bad_certificate", serverError.Message, StringComparison.Ordinal);
            lock (alerts)
            {
                Assert.Contains(alerts, a => !a.Raised && a.IsFatal && a.Description == AlertDescription.bad_certificate);
            }
        }
    }

    [Fact]
    public async Task Server_expecting_another_client_fingerprint_refuses_with_bad_certificate()
    {
        var (server, client) = Connect(serverExpects: ServerCertificate.Fingerprint);
        using (server)
        using (client)
        {
            var serverError = await Fails(server);
            var clientError = await Fails(client);

            Assert.Contains("client certificate does not match the fingerprint", serverError.Message, StringComparison.Ordinal);
            Assert.Contains("bad_certificate", clientError.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Client_without_use_srtp_is_refused()
    {
        var (server, client) = Connect(clientOptions: new() { SrtpProfiles = [] });
        using (server)
        using (client)
        {
            var serverError = await Fails(server);
            var clientError = await Fails(client);

            Assert.Contains("no use_srtp", serverError.Message, StringComparison.Ordinal);
            Assert.Contains("handshake_failure", clientError.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Client_with_no_profile_in_common_is_refused()
    {
        var (server, client) = Connect(
            serverOptions: new() { SrtpProfiles = [SrtpProfile.AeadAes128Gcm] },
            clientOptions: new() { SrtpProfiles = [SrtpProfile.Aes128CmHmacSha1_80] });
        using (server)
        using (client)
        {
            var serverError = await Fails(server);
            await Fails(client);

            Assert.Contains("no common SRTP profile: the client offered [0x0001]", serverError.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Options_outside_what_BouncyCastle_can_take_are_refused_up_front()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DtlsServer(ServerCertificate, ClientCertificate.Fingerprint, new() { HandshakeTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new DtlsClient(ClientCertificate, ServerCertificate.Fingerprint, new() { InitialRetransmission = TimeSpan.FromDays(30) }));
        Assert.Throws<ArgumentException>(() =>
            new DtlsServer(ServerCertificate, ClientCertificate.Fingerprint, new() { SrtpProfiles = [SrtpProfile.Unknown] }));
    }

    [Fact]
    public async Task ClientHello_fragmented_over_several_datagrams_is_reassembled()
    {
        var toServer = new DtlsWire();
        var (server, client) = Connect(clientOptions: new() { SendLimit = 100 }, toServer: toServer);
        using (server)
        using (client)
        {
            var (serverResult, clientResult) = await BothComplete(server, client);

            AssertMirrored(serverResult, clientResult);
            // RFC 6347 §4.2.2 handshake header after the 13-byte record header:
            // msg_type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3).
            var first = toServer.Sent[0];
            Assert.Equal(HandshakeType.client_hello, first[13]);
            var length = (first[14] << 16) | (first[15] << 8) | first[16];
            var fragmentLength = (first[22] << 16) | (first[23] << 8) | first[24];
            Assert.True(fragmentLength < length, $"ClientHello of {length} bytes came whole");
            Assert.All(toServer.Sent, datagram => Assert.True(datagram.Length <= 100));
        }
    }

    [Theory]
    [InlineData("client")]
    [InlineData("server")]
    public async Task Lost_first_flight_is_recovered_by_retransmission(string losingSide)
    {
        // The client's first flight is its ClientHello; the server's is ServerHello … ServerHelloDone (5 datagrams).
        var dropClientHello = new DtlsWire { Drop = (index, _) => index == 0 };
        var dropServerFlight = new DtlsWire { Drop = (index, _) => index < 5 };
        var (toServer, toClient) = losingSide == "client" ? (dropClientHello, new DtlsWire()) : (new DtlsWire(), dropServerFlight);
        var (server, client) = Connect(Quick, Quick, toClient, toServer);
        using (server)
        using (client)
        {
            var (serverResult, clientResult) = await BothComplete(server, client);

            AssertMirrored(serverResult, clientResult);
            Assert.True(toServer.Dropped + toClient.Dropped >= 1);
        }
    }

    [Fact]
    public async Task Lost_last_server_flight_is_resent_by_the_session_reading_late_records()
    {
        // Server datagrams: 0–4 first flight, 5 ChangeCipherSpec, 6 Finished. Without them the client retransmits
        // its last flight to a server whose handshake already returned; RFC 6347 §4.2.4 wants the server to resend.
        var toClient = new DtlsWire { Drop = (index, _) => index is 5 or 6 };
        var (server, client) = Connect(Quick, Quick, toClient);
        using (server)
        using (client)
        {
            var serverResult = await server.Handshake.WaitAsync(Patience);
            var clientResult = await client.Handshake.WaitAsync(Patience);

            AssertMirrored(serverResult, clientResult);
            Assert.Equal(2, toClient.Dropped);
            Assert.True(toClient.Sent.Count >= 9, $"server sent {toClient.Sent.Count} datagrams, expected a resent last flight");
            // The resent flight was BC's answer to the client's retransmission, read after the handshake returned.
            Assert.True(server.LateRecordDrains >= 1, "the retransmitted client flight was not handed to BC late");
        }
    }

    [Fact]
    public async Task Connected_sessions_hold_no_thread_and_a_late_close_notify_still_ends_them()
    {
        var (server, client) = Connect();
        using (server)
        using (client)
        {
            await BothComplete(server, client);
            Assert.True(SpinWait.SpinUntil(() => !server.HoldsThread && !client.HoldsThread, Patience),
                "a connected session still holds its thread");

            var caller = Environment.CurrentManagedThreadId;
            var clientClosedOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Closed += (_, _) => clientClosedOn.TrySetResult(Environment.CurrentManagedThreadId);
            client.Dispose();

            // The client's close_notify reaches a server with no reader thread: a pool drain hands it to BC.
            Assert.Equal(DtlsCloseReason.CloseNotify, await server.Completion.WaitAsync(Patience));
            Assert.Equal(DtlsCloseReason.LocalClose, await client.Completion.WaitAsync(Patience));
            Assert.True(server.LateRecordDrains >= 1);
            Assert.NotEqual(caller, await clientClosedOn.Task.WaitAsync(Patience));
        }
    }

    [Fact]
    public async Task Late_garbage_is_handed_to_BouncyCastle_and_ignored_until_close_notify()
    {
        var (server, client) = Connect();
        using (server)
        using (client)
        {
            await BothComplete(server, client);
            Assert.True(SpinWait.SpinUntil(() => !server.HoldsThread, Patience));

            // DTLS-looking first bytes (20–63, RFC 7983), random rest: wrong epochs, bad tags, cut headers.
            var random = new Random(4347);
            for (var i = 0; i < 40; i++)
            {
                var noise = new byte[random.Next(1, 200)];
                random.NextBytes(noise);
                noise[0] = (byte)random.Next(20, 64);
                server.Enqueue(noise);
            }

            Assert.True(SpinWait.SpinUntil(() => server.LateRecordDrains >= 1 && server.Transport.QueuedDatagrams == 0, Patience),
                "the late garbage was not drained");
            await Task.Delay(50);
            Assert.False(server.Completion.IsCompleted, "garbage after the handshake ended the session");
            Assert.False(server.HoldsThread);

            client.Dispose();
            Assert.Equal(DtlsCloseReason.CloseNotify, await server.Completion.WaitAsync(Patience));
        }
    }

    [Fact]
    public async Task Garbage_datagrams_between_the_handshake_records_do_not_disturb_it()
    {
        // Deterministic garbage: DTLS-looking first bytes (20–63, RFC 7983), random rest, various lengths,
        // and truncated or bit-flipped copies of the real record.
        var random = new Random(6347);
        IEnumerable<byte[]> Garbage(byte[] real)
        {
            lock (random)
            {
                var noise = new byte[random.Next(1, 300)];
                random.NextBytes(noise);
                noise[0] = (byte)random.Next(20, 64);
                var truncated = real.AsSpan(0, random.Next(real.Length)).ToArray();
                var flipped = (byte[])real.Clone();
                flipped[random.Next(13, flipped.Length)] ^= 0x55;
                return [noise, truncated, flipped];
            }
        }

        var toServer = new DtlsWire { Inject = Garbage };
        var toClient = new DtlsWire { Inject = Garbage };
        var (server, client) = Connect(Quick, Quick, toClient, toServer);
        using (server)
        using (client)
        {
            var (serverResult, clientResult) = await BothComplete(server, client);

            AssertMirrored(serverResult, clientResult);
        }
    }

    [Fact]
    public async Task Silent_peer_fails_the_handshake_with_a_timeout()
    {
        using var server = DtlsSession.StartServer(ServerCertificate, ClientCertificate.Fingerprint, static _ => { },
            new DtlsSessionOptions { HandshakeTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Fails(server);

        Assert.Contains("did not complete within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.IsType<TlsTimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task Dispose_during_the_handshake_ends_it_at_once()
    {
        var closed = new TaskCompletionSource<DtlsCloseReason>();
        var server = DtlsSession.StartServer(ServerCertificate, ClientCertificate.Fingerprint, static _ => { });
        server.Closed += (_, reason) => closed.TrySetResult(reason);

        server.Dispose();

        var error = await Fails(server);
        Assert.Contains("closed before the handshake completed", error.Message, StringComparison.Ordinal);
        Assert.Equal(DtlsCloseReason.HandshakeFailed, await closed.Task.WaitAsync(Patience));
    }

    [Fact]
    public async Task Warm_up_completes_a_throwaway_handshake()
    {
        await DtlsWarmUp.RunAsync().WaitAsync(Patience);
    }
}
