using System.Net;
using System.Security.Cryptography;
using AnHop.Media.Stun;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Stun;

/// <summary>Every parser and the responder, under <see cref="Fuzzer.Run"/> with its default 10^6 inputs.</summary>
public class StunFuzzTests
{
    private static readonly StunIntegrityKey FuzzKey = StunIntegrityKey.ShortTerm("sfuPasswordSfuPasswordXY");

    private static byte[][] Seeds =>
    [
        Rfc5769Vectors.Request,
        Rfc5769Vectors.IPv4Response,
        Rfc5769Vectors.IPv6Response,
        Rfc5769Vectors.LongTermRequest,
        new ChromiumRequest().Build(),
        new ChromiumRequest { UseCandidate = true }.Build(),
        new ChromiumRequest { IceControlling = null, IceControlled = 7 }.Build(),
        new ChromiumRequest { Extra = [(0x7777, [1, 2, 3])] }.Build(),
        ErrorResponse(),
        ChromiumCaptureTests.Check,
        ChromiumCaptureTests.NominatingCheck,
    ];

    [Fact]
    public void StunMessage_TryParse_survives_hostile_bytes() =>
        Fuzzer.Run("stun-message", static input =>
        {
            if (!StunMessage.TryParse(input, out var message, out var reason))
            {
                Assert.NotNull(reason);
                return;
            }

            foreach (var attribute in message.Attributes)
            {
                _ = attribute.Value.Length;
            }

            _ = message.Method;
            _ = message.Class;
            message.TryGetXorMappedAddress(out _);
            message.TryGetMappedAddress(out _);
            message.TryGetUsername(out _);
            message.TryGetSoftware(out _);
            message.TryGetErrorCode(out _);
            message.TryGetUnknownAttributes(out _);
            message.TryGetPriority(out _);
            message.TryGetIceControlling(out _);
            message.TryGetIceControlled(out _);
            _ = message.HasUseCandidate;
            message.TryGetIceUsername(out _, out _);
            message.VerifyFingerprint();
            message.VerifyMessageIntegrity(FuzzKey);
        }, Seeds);

    [Fact]
    public void Address_and_error_code_parsers_survive_hostile_bytes()
    {
        byte[][] seeds =
        [
            Convert.FromHexString("0001a147e112a643"),
            Convert.FromHexString("0002a1470113a9faa5d3f179bc25f4b5bed2b9d9"),
            Convert.FromHexString("00000401556e617574686f72697a6564"),
        ];
        var transactionId = Rfc5769Vectors.TransactionId;
        Fuzzer.Run("stun-mapped-address", static input => MappedAddress.TryParse(input, out _, out _), seeds);
        Fuzzer.Run("stun-xor-mapped-address", input => XorMappedAddress.TryParse(input, transactionId, out _, out _), seeds);
        Fuzzer.Run("stun-error-code", static input => StunErrorCode.TryParse(input, out _, out _), seeds);
    }

    [Fact]
    public void IceLiteResponder_HandleRequest_survives_hostile_bytes()
    {
        using var responder = new IceLiteResponder("sfuU", "sfuPasswordSfuPasswordXY");
        var remote = StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Loopback, 5000));
        var response = new byte[1500];
        var signed = new byte[1600];
        var seen = new int[(int)IceCheckResult.ResponseBufferTooSmall + 1];
        Fuzzer.Run("ice-lite-responder", input =>
        {
            Check(responder.HandleRequest(input, remote, response, out var length), length, response, seen);

            // Most mutations break FINGERPRINT; re-sign those whose tail still looks like
            // MESSAGE-INTEGRITY + FINGERPRINT so the checks behind authentication get fuzzed too.
            var resigned = Resign(input, signed);
            if (!resigned.IsEmpty)
            {
                Check(responder.HandleRequest(resigned, remote, response, out length), length, response, seen);
            }
        }, Seeds);

        // The corpus and re-signing must reach every answer, not just the early drops.
        foreach (var expected in new[] { IceCheckResult.Accepted, IceCheckResult.Nominated, IceCheckResult.BadRequest,
                     IceCheckResult.Unauthorized, IceCheckResult.UnknownAttribute, IceCheckResult.RoleConflict,
                     IceCheckResult.Malformed, IceCheckResult.BadFingerprint, IceCheckResult.NotRequest })
        {
            Assert.True(seen[(int)expected] > 0, $"fuzzing never reached {expected}");
        }
    }

    private static void Check(IceCheckResult result, int length, byte[] response, int[] seen)
    {
        Assert.NotEqual(IceCheckResult.Unknown, result);
        seen[(int)result]++;
        if (result.HasResponse())
        {
            Assert.True(StunMessage.TryParse(response.AsSpan(0, length), out var answer));
            Assert.True(answer.VerifyFingerprint());
        }
    }

    private static ReadOnlySpan<byte> Resign(ReadOnlySpan<byte> input, byte[] buffer)
    {
        var n = input.Length;
        if (n < 52 || n > buffer.Length || (n & 3) != 0 || !input.Slice(n - 8, 4).SequenceEqual(new byte[] { 0x80, 0x28, 0, 4 })
            || !input.Slice(n - 32, 4).SequenceEqual(new byte[] { 0, 8, 0, 0x14 }))
        {
            return default;
        }

        var message = buffer.AsSpan(0, n);
        input.CopyTo(message);
        message[0] &= 0x3F;
        message[2] = (byte)((n - 20 - 8) >> 8);
        message[3] = (byte)(n - 20 - 8);
        HMACSHA1.HashData("sfuPasswordSfuPasswordXY"u8, message[..(n - 32)], message.Slice(n - 28, 20));
        message[2] = (byte)((n - 20) >> 8);
        message[3] = (byte)(n - 20);
        var crc = StunFingerprint.Compute(message[..(n - 8)]);
        message[n - 4] = (byte)(crc >> 24);
        message[n - 3] = (byte)(crc >> 16);
        message[n - 2] = (byte)(crc >> 8);
        message[n - 1] = (byte)crc;
        return message;
    }

    private static byte[] ErrorResponse()
    {
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer);
        writer.TryWriteHeader(StunMessageType.BindingErrorResponse, Rfc5769Vectors.TransactionId);
        writer.TryAddErrorCode(StunErrorCode.UnknownAttribute);
        writer.TryAddUnknownAttributes([0x7777, 0x0031]);
        writer.TryAddMessageIntegrity(FuzzKey);
        writer.TryAddFingerprint();
        return writer.Written.ToArray();
    }
}
