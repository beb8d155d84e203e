using System.Runtime.InteropServices;
using AnHop.Media.Srtp;

namespace AnHop.Media.Tests.Srtp;

/// <summary>
/// libsrtp 2.5.0 (Debian package libsrtp2-1, libsrtp2.so.1) through P/Invoke: the independent
/// implementation the interop tests check AnHop against. Struct layouts follow srtp2/srtp.h of 2.5.0.
/// </summary>
internal sealed unsafe partial class LibSrtp : IDisposable
{
    private const string Library = "libsrtp2.so.1";
    private const int SsrcAnyInbound = 2;
    private const int SsrcAnyOutbound = 3;

    private static readonly Lazy<int> Initialized = new(Initialize);

    private nint session;

    [StructLayout(LayoutKind.Sequential)]
    private struct CryptoPolicy
    {
        public int CipherType;
        public int CipherKeyLength;
        public int AuthType;
        public int AuthKeyLength;
        public int AuthTagLength;
        public int SecurityServices;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Policy
    {
        public int SsrcType;
        public uint SsrcValue;
        public CryptoPolicy Rtp;
        public CryptoPolicy Rtcp;
        public byte* Key;
        public nint Keys;
        public nuint NumMasterKeys;
        public nint DeprecatedEkt;
        public nuint WindowSize;
        public int AllowRepeatTx;
        public nint EncryptedExtensionHeaders;
        public int EncryptedExtensionHeaderCount;
        public nint Next;
    }

    public LibSrtp(SrtpProfile profile, byte[] masterKey, byte[] masterSalt, bool outbound)
    {
        _ = Initialized.Value;
        Assert.Equal(128, sizeof(Policy));
        var policy = default(Policy);
        policy.SsrcType = outbound ? SsrcAnyOutbound : SsrcAnyInbound;
        if (profile == SrtpProfile.AeadAes128Gcm)
        {
            SetAesGcm128(&policy.Rtp);
            SetAesGcm128(&policy.Rtcp);
        }
        else
        {
            SetRtpDefault(&policy.Rtp);
            SetRtcpDefault(&policy.Rtcp);
        }

        policy.WindowSize = 1024;
        var keyAndSalt = masterKey.Concat(masterSalt).ToArray();
        fixed (byte* key = keyAndSalt)
        {
            policy.Key = key;
            nint created;
            Check(Create(&created, &policy), "srtp_create");
            session = created;
        }
    }

    public int ProtectRtp(byte[] buffer, int length) => Call(&Protect, buffer, length);

    public int UnprotectRtp(byte[] buffer, int length) => Call(&Unprotect, buffer, length);

    public int ProtectRtcp(byte[] buffer, int length) => Call(&ProtectRtcpNative, buffer, length);

    public int UnprotectRtcp(byte[] buffer, int length) => Call(&UnprotectRtcpNative, buffer, length);

    public void Dispose()
    {
        if (session != 0)
        {
            _ = Dealloc(session);
            session = 0;
        }
    }

    private int Call(delegate*<nint, byte*, int*, int> function, byte[] buffer, int length)
    {
        fixed (byte* data = buffer)
        {
            var status = function(session, data, &length);
            Check(status, "libsrtp packet call");
        }

        return length;
    }

    private static void Check(int status, string what)
    {
        if (status != 0)
        {
            throw new InvalidOperationException($"{what} failed with srtp_err_status {status}");
        }
    }

    private static int Initialize()
    {
        if (!NativeLibrary.TryLoad(Library, out _))
        {
            throw new InvalidOperationException(
                "libsrtp2 is missing: the SRTP interop tests need libsrtp2.so.1 (Debian package libsrtp2-1; apt-get install -y libsrtp2-1).");
        }

        Check(Init(), "srtp_init");
        return 0;
    }

    [LibraryImport(Library, EntryPoint = "srtp_init")]
    private static partial int Init();

    [LibraryImport(Library, EntryPoint = "srtp_create")]
    private static partial int Create(nint* session, Policy* policy);

    [LibraryImport(Library, EntryPoint = "srtp_dealloc")]
    private static partial int Dealloc(nint session);

    [LibraryImport(Library, EntryPoint = "srtp_protect")]
    private static partial int Protect(nint session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect")]
    private static partial int Unprotect(nint session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_protect_rtcp")]
    private static partial int ProtectRtcpNative(nint session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_unprotect_rtcp")]
    private static partial int UnprotectRtcpNative(nint session, byte* packet, int* length);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_rtp_default")]
    private static partial void SetRtpDefault(CryptoPolicy* policy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_rtcp_default")]
    private static partial void SetRtcpDefault(CryptoPolicy* policy);

    [LibraryImport(Library, EntryPoint = "srtp_crypto_policy_set_aes_gcm_128_16_auth")]
    private static partial void SetAesGcm128(CryptoPolicy* policy);
}
