using AnHop.Media.Dtls;

namespace AnHop.Media.Tests.Dtls;

/// <summary>Certificates made once per test run (generation is the slow part) and a helper to link two sessions.</summary>
internal static class DtlsTestPeers
{
    public static readonly DtlsCertificate ServerCertificate = DtlsCertificate.Generate("anhop-test-server");

    public static readonly DtlsCertificate ClientCertificate = DtlsCertificate.Generate("anhop-test-client");

    /// <summary>Generous so that a busy 2-core machine never fails a test by timing alone.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Starts an AnHop server and a client over two in-memory wires.</summary>
    public static (DtlsSession Server, DtlsSession Client) Connect(
        DtlsSessionOptions? serverOptions = null, DtlsSessionOptions? clientOptions = null,
        DtlsWire? toClient = null, DtlsWire? toServer = null,
        DtlsFingerprint? serverExpects = null, DtlsFingerprint? clientExpects = null)
    {
        toClient ??= new DtlsWire();
        toServer ??= new DtlsWire();
        var server = DtlsSession.StartServer(ServerCertificate, serverExpects ?? ClientCertificate.Fingerprint, toClient.Send, serverOptions);
        toServer.Connect(server);
        var client = DtlsSession.StartClient(ClientCertificate, clientExpects ?? ServerCertificate.Fingerprint, toServer.Send, clientOptions);
        toClient.Connect(client);
        return (server, client);
    }

    public static async Task<(DtlsHandshakeResult Server, DtlsHandshakeResult Client)> BothComplete(DtlsSession server, DtlsSession client)
    {
        var serverResult = await server.Handshake.WaitAsync(Patience);
        var clientResult = await client.Handshake.WaitAsync(Patience);
        return (serverResult, clientResult);
    }

    public static async Task<DtlsHandshakeException> Fails(DtlsSession session)
    {
        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => session.Handshake.WaitAsync(Patience));
        Assert.Equal(DtlsCloseReason.HandshakeFailed, await session.Completion.WaitAsync(Patience));
        return error;
    }

    /// <summary>Client and server keys must mirror: what one protects with, the other unprotects with (RFC 5764 §4.2).</summary>
    public static void AssertMirrored(DtlsHandshakeResult server, DtlsHandshakeResult client)
    {
        Assert.Equal(server.Profile, client.Profile);
        Assert.Equal(client.Keys.LocalMasterKey, server.Keys.RemoteMasterKey);
        Assert.Equal(client.Keys.LocalMasterSalt, server.Keys.RemoteMasterSalt);
        Assert.Equal(server.Keys.LocalMasterKey, client.Keys.RemoteMasterKey);
        Assert.Equal(server.Keys.LocalMasterSalt, client.Keys.RemoteMasterSalt);
        Assert.NotEqual(server.Keys.LocalMasterKey, server.Keys.RemoteMasterKey);
        Assert.Equal(server.CipherSuite, client.CipherSuite);
        Assert.False(server.IsDtlsClient);
        Assert.True(client.IsDtlsClient);
    }
}
