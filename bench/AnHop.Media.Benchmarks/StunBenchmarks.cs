using System.Net;
using AnHop.Media.Stun;
using BenchmarkDotNet.Attributes;

namespace AnHop.Media.Benchmarks;

/// <summary>
/// One ICE connectivity check as the SFU sees it: parse, check FINGERPRINT and MESSAGE-INTEGRITY,
/// and build the authenticated success response. The request is laid out like Chromium's.
/// </summary>
[MemoryDiagnoser]
public class StunBenchmarks
{
    private const string Password = "sfuPasswordSfuPasswordXY";

    private readonly byte[] _response = new byte[256];
    private readonly StunAddress _remote = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.10"), 54321));
    private byte[] _request = [];
    private StunIntegrityKey _key = null!;
    private IceLiteResponder _responder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = StunIntegrityKey.ShortTerm(Password);
        _responder = new IceLiteResponder("sfuU", Password, "brWs");
        var buffer = new byte[256];
        var writer = new StunMessageWriter(buffer);
        writer.TryWriteHeader(StunMessageType.BindingRequest, "0123456789ab"u8);
        writer.TryAddUsername("sfuU:brWs"u8);
        writer.TryAddAttribute(StunAttributeType.GoogNetworkInfo, [0, 1, 0, 10]);
        writer.TryAddIceControlling(0x1122334455667788);
        writer.TryAddUseCandidate();
        writer.TryAddPriority(0x6e7f1eff);
        writer.TryAddMessageIntegrity(_key);
        writer.TryAddFingerprint();
        _request = writer.Written.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _responder.Dispose();
    }

    [Benchmark]
    public bool ParseOnly() => StunMessage.TryParse(_request, out var message) && message.TryGetUsername(out _);

    [Benchmark]
    public bool ParseAndVerify() =>
        StunMessage.TryParse(_request, out var message) && message.VerifyFingerprint() && message.VerifyMessageIntegrity(_key);

    [Benchmark(Baseline = true)]
    public int BindingCheck()
    {
        _responder.HandleRequest(_request, _remote, _response, out var length);
        return length;
    }
}
