using System.Text;
using AnHop.Media.Stun;

namespace AnHop.Media.Tests.Stun;

public class StunMessageTests
{
    private const string Header = "2112a442" + "000102030405060708090a0b";

    public static TheoryData<string, string> Refusals => new()
    {
        { "", "shorter than the 20-byte STUN header" },
        { "00010000" + "2112a442" + "0001020304050607080910", "shorter than the 20-byte STUN header" },
        // Top two bits set: an RTP or DTLS byte, not STUN (RFC 8489 §5).
        { "c0010000" + Header, "the two leading bits are not zero" },
        { "00010002" + Header + "0000", "message length is not a multiple of 4" },
        { "00010008" + Header + "00000000", "message length does not match the datagram size" },
        { "00010000" + "2112a443" + "000102030405060708090a0b", "magic cookie missing" },
        // USERNAME claims 9 bytes (12 padded) but only 8 follow.
        { "0001000c" + Header + "00060009" + "6576746a3a683676", "attribute runs past the end of the message" },
        { "00010018" + Header + "00080010" + "00000000000000000000000000000000" + "00000000", "MESSAGE-INTEGRITY is not 20 bytes" },
        { "0001000c" + Header + "80280008" + "0000000000000000", "FINGERPRINT is not 4 bytes" },
        { "00010010" + Header + "80280004" + "00000000" + "00250000" + "00000000", "attribute after FINGERPRINT" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void TryParse_refuses_with_a_reason(string hex, string expected)
    {
        Assert.False(StunMessage.TryParse(Convert.FromHexString(hex), out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void TryParse_accepts_a_bare_header()
    {
        Assert.True(StunMessage.TryParse(Convert.FromHexString("00010000" + Header), out var message, out var reason));
        Assert.Null(reason);
        Assert.Equal(StunMessageType.BindingRequest, message.Type);
        Assert.False(message.HasMessageIntegrity);
        Assert.False(message.HasFingerprint);
        Assert.False(message.VerifyFingerprint());
        using var key = StunIntegrityKey.ShortTerm("x");
        Assert.False(message.VerifyMessageIntegrity(key));
        Assert.False(message.Attributes.MoveNext());
    }

    [Fact]
    public void Attributes_after_MessageIntegrity_are_ignored_except_Fingerprint()
    {
        // RFC 8489 §14.5: receivers ignore what follows MESSAGE-INTEGRITY, except FINGERPRINT.
        using var key = StunIntegrityKey.ShortTerm("pass");
        var writer = new StunMessageWriter(new byte[128]);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.True(writer.TryAddPriority(7));
        Assert.True(writer.TryAddMessageIntegrity(key));

        // Our writer refuses to add these after MESSAGE-INTEGRITY, so append them by hand, then FINGERPRINT.
        var bytes = new List<byte>(writer.Written.ToArray());
        bytes.AddRange(Convert.FromHexString("00250000" + "80220004" + "6c617465"));
        bytes[3] = (byte)(bytes.Count + 8 - 20);
        var fingerprint = StunFingerprint.Compute(bytes.ToArray());
        bytes.AddRange([0x80, 0x28, 0, 4, (byte)(fingerprint >> 24), (byte)(fingerprint >> 16), (byte)(fingerprint >> 8), (byte)fingerprint]);

        Assert.True(StunMessage.TryParse(bytes.ToArray(), out var message));
        var seen = new List<StunAttributeType>();
        foreach (var attribute in message.Attributes)
        {
            seen.Add(attribute.Type);
        }

        Assert.Equal([StunAttributeType.Priority, StunAttributeType.MessageIntegrity, StunAttributeType.Fingerprint], seen);
        Assert.False(message.HasUseCandidate);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void First_occurrence_of_an_attribute_wins()
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.True(writer.TryAddPriority(1));
        Assert.True(writer.TryAddPriority(2));
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(1u, priority);
    }

    [Fact]
    public void Malformed_attribute_values_read_as_absent()
    {
        var buffer = new byte[96];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.True(writer.TryAddAttribute(StunAttributeType.Priority, [1, 2, 3]));
        Assert.True(writer.TryAddAttribute(StunAttributeType.IceControlling, [1, 2, 3, 4]));
        Assert.True(writer.TryAddAttribute(StunAttributeType.XorMappedAddress, [0, 3, 0, 0, 1, 2, 3, 4]));
        Assert.True(writer.TryAddAttribute(StunAttributeType.ErrorCode, [0, 0, 7, 0]));
        Assert.True(writer.TryAddAttribute(StunAttributeType.UnknownAttributes, [0, 1, 0]));
        Assert.True(StunMessage.TryParse(writer.Written, out var message));
        Assert.False(message.TryGetPriority(out _));
        Assert.False(message.TryGetIceControlling(out _));
        Assert.False(message.TryGetXorMappedAddress(out _));
        Assert.False(message.TryGetErrorCode(out _));
        Assert.False(message.TryGetUnknownAttributes(out _));
    }

    [Fact]
    public void Writer_seals_the_message_after_integrity_and_fingerprint()
    {
        using var key = StunIntegrityKey.ShortTerm("pass");
        var writer = new StunMessageWriter(new byte[128]);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.True(writer.TryAddMessageIntegrity(key));
        Assert.False(writer.TryAddPriority(1));
        Assert.False(writer.TryAddMessageIntegrity(key));
        Assert.True(writer.TryAddFingerprint());
        Assert.False(writer.TryAddFingerprint());
        Assert.False(writer.TryAddUseCandidate());
        Assert.Equal(20 + 24 + 8, writer.Length);

        // A new header starts a new message.
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.True(writer.TryAddPriority(1));
    }

    [Theory]
    [InlineData("evtj:h6vY", "evtj", "h6vY")]
    [InlineData("a:b:c", "a", "b:c")]
    [InlineData(":h6vY", null, null)]
    [InlineData("evtj:", null, null)]
    [InlineData("evtj", null, null)]
    public void TryReadUsernameFragments_splits_at_the_first_colon(string username, string? recipient, string? sender)
    {
        var buffer = new byte[64];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, new byte[12]));
        Assert.True(writer.TryAddUsername(Encoding.UTF8.GetBytes(username)));
        var found = StunMessage.TryReadUsernameFragments(writer.Written, out var local, out var remote);
        Assert.Equal(recipient is not null, found);
        if (found)
        {
            Assert.Equal(recipient, Encoding.UTF8.GetString(local));
            Assert.Equal(sender, Encoding.UTF8.GetString(remote));
        }
    }

    [Fact]
    public void TryReadUsernameFragments_refuses_non_stun() =>
        Assert.False(StunMessage.TryReadUsernameFragments([0x80, 0x6f, 0, 1], out _, out _));

    [Fact]
    public void Fingerprint_crc_matches_the_gzip_crc_and_the_check_value()
    {
        // The standard CRC-32 check value: CRC("123456789") = 0xCBF43926.
        Assert.Equal(0xCBF43926u ^ StunFingerprint.XorValue, StunFingerprint.Compute("123456789"u8));
        var data = Rfc5769Vectors.Request;
        Assert.Equal(ChromiumRequest.Crc32ByGzip(data) ^ StunFingerprint.XorValue, StunFingerprint.Compute(data));
    }

    [Theory]
    [InlineData(StunMethod.Binding, StunClass.Request, 0x0001)]
    [InlineData(StunMethod.Binding, StunClass.Indication, 0x0011)]
    [InlineData(StunMethod.Binding, StunClass.SuccessResponse, 0x0101)]
    [InlineData(StunMethod.Binding, StunClass.ErrorResponse, 0x0111)]
    [InlineData((StunMethod)0x003, StunClass.Request, 0x0003)] // TURN Allocate
    [InlineData((StunMethod)0xFFF, StunClass.ErrorResponse, 0x3FFF)]
    public void Message_type_packs_method_and_class_per_Rfc8489_Figure3(StunMethod method, StunClass @class, int type)
    {
        Assert.Equal(type, StunMessageType.Compose(method, @class));
        Assert.Equal(method, StunMessageType.GetMethod((ushort)type));
        Assert.Equal(@class, StunMessageType.GetClass((ushort)type));
    }
}
