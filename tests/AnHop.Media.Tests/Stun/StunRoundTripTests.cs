using AnHop.Media.Stun;
using CsCheck;

namespace AnHop.Media.Tests.Stun;

/// <summary>Build → parse → equal, for every attribute type and for whole messages.</summary>
public class StunRoundTripTests
{
    private static readonly Gen<byte[]> TransactionIds = Gen.Byte.Array[12];

    private static readonly Gen<StunAddress> Addresses =
        Gen.Select(Gen.Bool, Gen.Byte.Array[16], Gen.UShort, static (v6, ip, port) =>
        {
            if (v6)
            {
                ip[10] = 0x12; // Keep clear of the IPv4-mapped prefix, which StunAddress folds to IPv4.
                return new StunAddress(ip, port);
            }

            return new StunAddress(ip.AsSpan(0, 4), port);
        });

    private static StunMessageWriter Start(byte[] buffer, byte[] transactionId, ushort type = StunMessageType.BindingRequest)
    {
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(type, transactionId));
        return writer;
    }

    [Fact]
    public void Message_type_round_trips_for_every_method_and_class() =>
        Gen.Select(Gen.UShort[0, 0xFFF], Gen.Int[0, 3]).Sample(static (method, @class) =>
        {
            var type = StunMessageType.Compose((StunMethod)method, (StunClass)@class);
            Assert.True(type <= 0x3FFF);
            Assert.Equal((StunMethod)method, StunMessageType.GetMethod(type));
            Assert.Equal((StunClass)@class, StunMessageType.GetClass(type));
        });

    [Fact]
    public void XorMappedAddress_round_trips() =>
        Gen.Select(Addresses, TransactionIds).Sample(static (address, transactionId) =>
        {
            var buffer = new byte[64];
            var writer = Start(buffer, transactionId, StunMessageType.BindingSuccessResponse);
            Assert.True(writer.TryAddXorMappedAddress(address));
            Assert.True(StunMessage.TryParse(writer.Written, out var message));
            Assert.True(message.TryGetXorMappedAddress(out var parsed));
            Assert.Equal(address, parsed);
            Assert.False(message.TryGetMappedAddress(out _));
        });

    [Fact]
    public void MappedAddress_round_trips() =>
        Gen.Select(Addresses, TransactionIds).Sample(static (address, transactionId) =>
        {
            var buffer = new byte[64];
            var writer = Start(buffer, transactionId, StunMessageType.BindingSuccessResponse);
            Assert.True(writer.TryAddMappedAddress(address));
            Assert.True(StunMessage.TryParse(writer.Written, out var message));
            Assert.True(message.TryGetMappedAddress(out var parsed));
            Assert.Equal(address, parsed);
        });

    [Fact]
    public void Username_and_Software_round_trip() =>
        Gen.Select(Gen.Byte.Array[0, 512], Gen.Byte.Array[0, 763], TransactionIds).Sample(static (username, software, transactionId) =>
        {
            var buffer = new byte[1400];
            var writer = Start(buffer, transactionId);
            Assert.True(writer.TryAddUsername(username));
            Assert.True(writer.TryAddSoftware(software));
            Assert.True(StunMessage.TryParse(writer.Written, out var message));
            Assert.True(message.TryGetUsername(out var parsedUsername));
            Assert.True(message.TryGetSoftware(out var parsedSoftware));
            Assert.Equal(username, parsedUsername.ToArray());
            Assert.Equal(software, parsedSoftware.ToArray());
        });

    [Fact]
    public void ErrorCode_round_trips() =>
        Gen.Select(Gen.Int[300, 699], Gen.Byte.Array[0, 763], TransactionIds).Sample(static (code, reason, transactionId) =>
        {
            var buffer = new byte[900];
            var writer = Start(buffer, transactionId, StunMessageType.BindingErrorResponse);
            Assert.True(writer.TryAddErrorCode(code, reason));
            Assert.True(StunMessage.TryParse(writer.Written, out var message));
            Assert.True(message.TryGetErrorCode(out var error));
            Assert.Equal(code, error.Code);
            Assert.Equal(reason, error.Reason.ToArray());
        });

    [Fact]
    public void UnknownAttributes_round_trip() =>
        Gen.UShort.Array[0, 20].Sample(static types =>
        {
            var buffer = new byte[96];
            var writer = Start(buffer, new byte[12], StunMessageType.BindingErrorResponse);
            Assert.True(writer.TryAddUnknownAttributes(types));
            Assert.True(StunMessage.TryParse(writer.Written, out var message));
            Assert.True(message.TryGetUnknownAttributes(out var raw));
            Assert.Equal(types.Length * 2, raw.Length);
            for (var i = 0; i < types.Length; i++)
            {
                Assert.Equal(types[i], (ushort)(raw[2 * i] << 8 | raw[2 * i + 1]));
            }
        });

    [Fact]
    public void Ice_attributes_round_trip() =>
        Gen.Select(Gen.UInt, Gen.ULong, Gen.Bool, Gen.Bool).Sample(static (priority, tiebreaker, controlling, useCandidate) =>
        {
            var buffer = new byte[96];
            var writer = Start(buffer, new byte[12]);
            Assert.True(writer.TryAddPriority(priority));
            Assert.True(controlling ? writer.TryAddIceControlling(tiebreaker) : writer.TryAddIceControlled(tiebreaker));
            if (useCandidate)
            {
                Assert.True(writer.TryAddUseCandidate());
            }

            Assert.True(StunMessage.TryParse(writer.Written, out var message));
            Assert.True(message.TryGetPriority(out var parsedPriority));
            Assert.Equal(priority, parsedPriority);
            Assert.Equal(useCandidate, message.HasUseCandidate);
            ulong parsed;
            Assert.True(controlling ? message.TryGetIceControlling(out parsed) : message.TryGetIceControlled(out parsed));
            Assert.Equal(tiebreaker, parsed);
            Assert.False(controlling ? message.TryGetIceControlled(out _) : message.TryGetIceControlling(out _));
        });

    [Fact]
    public void Whole_messages_round_trip_and_authenticate() =>
        Gen.Select(Gen.Select(Gen.UShort[0, 0xFFF], Gen.Int[0, 3], TransactionIds),
                Gen.Select(Gen.Byte.Array[1, 64], Gen.UInt, Addresses, Gen.Byte.Array[0, 40]),
                Gen.Select(Gen.Byte.Array[1, 40], Gen.Bool, Gen.Bool))
            .Sample(static (header, body, auth) =>
            {
                var (method, @class, transactionId) = header;
                var (username, priority, address, software) = body;
                var (password, withIntegrity, withFingerprint) = auth;
                using var key = new StunIntegrityKey(password);
                var buffer = new byte[512];
                var writer = new StunMessageWriter(buffer);
                Assert.True(writer.TryWriteHeader((StunMethod)method, (StunClass)@class, transactionId));
                Assert.True(writer.TryAddUsername(username));
                Assert.True(writer.TryAddAttribute(StunAttributeType.GoogNetworkInfo, [0, 1, 0, 10]));
                Assert.True(writer.TryAddPriority(priority));
                Assert.True(writer.TryAddXorMappedAddress(address));
                Assert.True(writer.TryAddSoftware(software));
                Assert.True(!withIntegrity || writer.TryAddMessageIntegrity(key));
                Assert.True(!withFingerprint || writer.TryAddFingerprint());

                Assert.True(StunMessage.TryParse(writer.Written, out var message, out var reason), reason);
                Assert.Equal((StunMethod)method, message.Method);
                Assert.Equal((StunClass)@class, message.Class);
                Assert.Equal(transactionId, message.TransactionId.ToArray());
                Assert.True(message.TryGetUsername(out var parsedUsername));
                Assert.Equal(username, parsedUsername.ToArray());
                Assert.True(message.TryGetAttribute(StunAttributeType.GoogNetworkInfo, out var networkInfo));
                Assert.Equal([0, 1, 0, 10], networkInfo.ToArray());
                Assert.True(message.TryGetPriority(out var parsedPriority));
                Assert.Equal(priority, parsedPriority);
                Assert.True(message.TryGetXorMappedAddress(out var parsedAddress));
                Assert.Equal(address, parsedAddress);
                Assert.True(message.TryGetSoftware(out var parsedSoftware));
                Assert.Equal(software, parsedSoftware.ToArray());
                Assert.Equal(withIntegrity, message.VerifyMessageIntegrity(key));
                Assert.Equal(withFingerprint, message.VerifyFingerprint());
            });

    [Fact]
    public void Any_flipped_bit_breaks_integrity_or_fingerprint() =>
        Gen.Select(Gen.Byte.Array[1, 64], Gen.Int[0, 10_000], Gen.Int[0, 7]).Sample(static (username, at, bit) =>
        {
            using var key = StunIntegrityKey.ShortTerm("secret");
            var buffer = new byte[256];
            var writer = new StunMessageWriter(buffer);
            Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
            Assert.True(writer.TryAddUsername(username));
            Assert.True(writer.TryAddMessageIntegrity(key));
            Assert.True(writer.TryAddFingerprint());
            var message = writer.Written.ToArray();
            message[at % message.Length] ^= (byte)(1 << bit);
            Assert.False(StunMessage.TryParse(message, out var parsed)
                && parsed.VerifyMessageIntegrity(key) && parsed.VerifyFingerprint());
        });

    [Fact]
    public void Every_writer_refuses_a_short_buffer_and_writes_nothing()
    {
        var address = new StunAddress([10, 0, 0, 1], 5000);
        using var key = StunIntegrityKey.ShortTerm("pw");
        Assert.False(new StunMessageWriter(new byte[19]).TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.False(new StunMessageWriter(new byte[64]).TryWriteHeader(StunMessageType.BindingRequest, new byte[11]));
        Assert.False(new StunMessageWriter(new byte[64]).TryWriteHeader(0x4000, new byte[12]));
        Assert.False(new StunMessageWriter(new byte[64]).TryAddPriority(1)); // No header yet.

        // Each writer gets a buffer one byte short of header + attribute header + padded value.
        Check(28 - 1, w => w.TryAddPriority(1));
        Check(32 - 1, w => w.TryAddIceControlling(1));
        Check(32 - 1, w => w.TryAddIceControlled(1));
        Check(24 - 1, w => w.TryAddUseCandidate());
        Check(32 - 1, w => w.TryAddXorMappedAddress(address));
        Check(32 - 1, w => w.TryAddMappedAddress(address));
        Check(32 - 1, w => w.TryAddUsername("abcde"u8));
        Check(32 - 1, w => w.TryAddSoftware("abcde"u8));
        Check(40 - 1, w => w.TryAddErrorCode(StunErrorCode.Unauthorized));
        Check(28 - 1, w => w.TryAddUnknownAttributes([1, 2]));
        Check(44 - 1, w => w.TryAddMessageIntegrity(key));
        Check(28 - 1, w => w.TryAddFingerprint());
        Check(28 - 1, w => w.TryAddAttribute(StunAttributeType.GoogNetworkInfo, [0, 1, 0, 10]));

        // Values out of range are refused however big the buffer.
        Check(2000, w => w.TryAddUsername(new byte[513]));
        Check(2000, w => w.TryAddSoftware(new byte[764]));
        Check(2000, w => w.TryAddErrorCode(700));
        Check(2000, w => w.TryAddErrorCode(299));
        Check(2000, w => w.TryAddXorMappedAddress(default));
        Check(2000, w => w.TryAddMappedAddress(default));
    }

    private static void Check(int size, Func<StunMessageWriter, bool> add)
    {
        var buffer = new byte[size];
        buffer.AsSpan().Fill(0xEE);
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.False(add(writer));
        Assert.Equal(0, buffer[2] << 8 | buffer[3]);
        Assert.True(buffer.AsSpan(20).IndexOfAnyExcept((byte)0xEE) < 0, "a refused attribute left bytes behind");
    }
}
