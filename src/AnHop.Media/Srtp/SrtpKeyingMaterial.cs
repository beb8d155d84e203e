namespace AnHop.Media.Srtp;

/// <summary>
/// The master keys of one DTLS-SRTP association, split from the exporter output
/// "EXTRACTOR-dtls_srtp" as client_write_key ‖ server_write_key ‖ client_write_salt ‖ server_write_salt
/// (RFC 5764 §4.2). "Local" is what this side protects with, "remote" what it unprotects with.
/// </summary>
public sealed class SrtpKeyingMaterial
{
    public SrtpKeyingMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt, byte[] remoteKey, byte[] remoteSalt)
    {
        ArgumentNullException.ThrowIfNull(localKey);
        ArgumentNullException.ThrowIfNull(localSalt);
        ArgumentNullException.ThrowIfNull(remoteKey);
        ArgumentNullException.ThrowIfNull(remoteSalt);
        if (localKey.Length != profile.MasterKeyLength() || remoteKey.Length != profile.MasterKeyLength()
            || localSalt.Length != profile.MasterSaltLength() || remoteSalt.Length != profile.MasterSaltLength())
        {
            throw new ArgumentException($"key or salt length does not match {profile}");
        }

        Profile = profile;
        LocalMasterKey = localKey;
        LocalMasterSalt = localSalt;
        RemoteMasterKey = remoteKey;
        RemoteMasterSalt = remoteSalt;
    }

    public SrtpProfile Profile { get; }

    public byte[] LocalMasterKey { get; }

    public byte[] LocalMasterSalt { get; }

    public byte[] RemoteMasterKey { get; }

    public byte[] RemoteMasterSalt { get; }

    /// <summary>Splits the exporter output; <paramref name="isDtlsClient"/> says which half is ours.</summary>
    public static SrtpKeyingMaterial FromExporter(SrtpProfile profile, ReadOnlySpan<byte> exported, bool isDtlsClient)
    {
        var keyLength = profile.MasterKeyLength();
        var saltLength = profile.MasterSaltLength();
        if (exported.Length != profile.KeyingMaterialLength())
        {
            throw new ArgumentException($"expected {profile.KeyingMaterialLength()} bytes of keying material for {profile}, got {exported.Length}");
        }

        var clientKey = exported[..keyLength].ToArray();
        var serverKey = exported.Slice(keyLength, keyLength).ToArray();
        var clientSalt = exported.Slice(2 * keyLength, saltLength).ToArray();
        var serverSalt = exported.Slice((2 * keyLength) + saltLength, saltLength).ToArray();
        return isDtlsClient
            ? new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
            : new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
    }
}
