using System.Net;
using System.Text;
using AnHop.Media.Stun;

namespace AnHop.Media.Tests.Stun;

public class Rfc5769Tests
{
    [Fact]
    public void SampleRequest_Section2_1_ParsesAllAttributes()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.Request, out var message, out var reason), reason);
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal(Rfc5769Vectors.TransactionId, message.TransactionId.ToArray());
        Assert.True(message.TryGetSoftware(out var software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software));
        Assert.True(message.TryGetPriority(out var priority));
        Assert.Equal(0x6e0001ffu, priority);
        Assert.True(message.TryGetIceControlled(out var tiebreaker));
        Assert.Equal(0x932ff9b151263b36ul, tiebreaker);
        Assert.False(message.TryGetIceControlling(out _));
        Assert.True(message.TryGetUsername(out var username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetIceUsername(out var recipient, out var sender));
        Assert.Equal("evtj", Encoding.UTF8.GetString(recipient));
        Assert.Equal("h6vY", Encoding.UTF8.GetString(sender));
    }

    [Fact]
    public void SampleRequest_Section2_1_VerifiesIntegrityAndFingerprint()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.Request, out var message));
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        using var wrong = StunIntegrityKey.ShortTerm("VOkJxbRl1RmTxUk/WvJxBT");
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.False(message.VerifyMessageIntegrity(wrong));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void SampleIPv4Response_Section2_2_DecodesXorMappedAddress()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.IPv4Response, out var message, out var reason), reason);
        Assert.Equal(StunMessageType.BindingSuccessResponse, message.Type);
        Assert.True(message.TryGetXorMappedAddress(out var address));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), address.ToEndPoint());
        Assert.True(message.TryGetSoftware(out var software));
        Assert.Equal("test vector", Encoding.UTF8.GetString(software));
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void SampleIPv6Response_Section2_3_DecodesXorMappedAddress()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.IPv6Response, out var message, out var reason), reason);
        Assert.True(message.TryGetXorMappedAddress(out var address));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), address.ToEndPoint());
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void SampleLongTermRequest_Section2_4_VerifiesWithMd5Key()
    {
        Assert.True(StunMessage.TryParse(Rfc5769Vectors.LongTermRequest, out var message, out var reason), reason);
        Assert.True(message.TryGetUsername(out var username));
        Assert.Equal("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", Encoding.UTF8.GetString(username));
        Assert.True(message.TryGetAttribute(StunAttributeType.Realm, out var realm));
        Assert.Equal("example.org", Encoding.UTF8.GetString(realm));
        Assert.True(message.TryGetAttribute(StunAttributeType.Nonce, out var nonce));
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", Encoding.UTF8.GetString(nonce));
        Assert.False(message.HasFingerprint);

        // The password after SASLprep: soft hyphen dropped, U+00AA -> "a", U+2168 -> "IX".
        using var key = StunIntegrityKey.LongTerm(Encoding.UTF8.GetString(username), "example.org", "TheMatrIX");
        Assert.True(message.VerifyMessageIntegrity(key));
    }

    [Fact]
    public void Writer_reproduces_the_Section2_2_response_byte_for_byte()
    {
        // The RFC pads SOFTWARE with a space where RFC 8489 pads with zeros; write the padded value as is.
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingSuccessResponse, Rfc5769Vectors.TransactionId));
        Assert.True(writer.TryAddSoftware("test vector"u8));
        buffer[20 + 4 + 11] = 0x20;
        Assert.True(writer.TryAddXorMappedAddress(StunAddress.FromEndPoint(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853))));
        Assert.True(writer.TryAddMessageIntegrity(key));
        Assert.True(writer.TryAddFingerprint());
        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.IPv4Response), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Writer_reproduces_the_Section2_3_response_byte_for_byte()
    {
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMethod.Binding, StunClass.SuccessResponse, Rfc5769Vectors.TransactionId));
        Assert.True(writer.TryAddSoftware("test vector"u8));
        buffer[20 + 4 + 11] = 0x20;
        var mapped = new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853);
        Assert.True(writer.TryAddXorMappedAddress(StunAddress.FromEndPoint(mapped)));
        Assert.True(writer.TryAddMessageIntegrity(key));
        Assert.True(writer.TryAddFingerprint());
        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.IPv6Response), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Writer_reproduces_the_Section2_1_request_byte_for_byte()
    {
        using var key = StunIntegrityKey.ShortTerm(Rfc5769Vectors.Password);
        var buffer = new byte[128];
        var writer = new StunMessageWriter(buffer);
        Assert.True(writer.TryWriteHeader(StunMessageType.BindingRequest, Rfc5769Vectors.TransactionId));
        Assert.True(writer.TryAddSoftware("STUN test client"u8));
        Assert.True(writer.TryAddPriority(0x6e0001ff));
        Assert.True(writer.TryAddIceControlled(0x932ff9b151263b36));
        Assert.True(writer.TryAddUsername("evtj:h6vY"u8));
        buffer.AsSpan(writer.Length - 3, 3).Fill(0x20);
        Assert.True(writer.TryAddMessageIntegrity(key));
        Assert.True(writer.TryAddFingerprint());
        Assert.Equal(Convert.ToHexString(Rfc5769Vectors.Request), Convert.ToHexString(writer.Written));
    }
}
