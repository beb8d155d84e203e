using System.Net;
using System.Net.Sockets;
using System.Text;
using AnHop.Media.Dtls;
using AnHop.Media.Peer;
using AnHop.Media.Stun;

namespace AnHop.Media.Tests.Peer;

/// <summary>What the synthetic peer puts on the wire, checked against a plain socket standing in for the SFU.</summary>
public class WebRtcPeerTests
{
    private static readonly DtlsCertificate Certificate = DtlsCertificate.Generate("anhop-peer-test");

    [Fact]
    public async Task Checks_are_controlling_nominating_and_signed_with_the_sfu_password()
    {
        using var sfu = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sfu.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        const string SfuUfrag = "sfuUfrag";
        const string SfuPassword = "sfuPasswordSfuPassword12";
        using var peer = new WebRtcPeer(SfuUfrag, SfuPassword, Certificate.Fingerprint, (IPEndPoint)sfu.LocalEndPoint!,
            certificate: Certificate) { IceTimeout = TimeSpan.FromMilliseconds(300) };

        var connecting = peer.ConnectAsync();
        var buffer = new byte[1500];
        var received = await sfu.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0)).WaitAsync(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<TimeoutException>(() => connecting);

        Assert.Equal(peer.LocalEndPoint, received.RemoteEndPoint);
        Assert.True(StunMessage.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out var check));
        Assert.Equal(StunMessageType.BindingRequest, check.Type);
        Assert.True(check.VerifyFingerprint());
        Assert.True(check.TryGetUsername(out var username));
        Assert.Equal($"{SfuUfrag}:{peer.LocalUfrag}", Encoding.ASCII.GetString(username));
        Assert.True(check.TryGetPriority(out var priority));
        Assert.Equal(126u, priority >> 24);
        Assert.True(check.TryGetIceControlling(out _));
        Assert.False(check.HasAttribute(StunAttributeType.IceControlled));
        Assert.True(check.HasUseCandidate);
        using var key = StunIntegrityKey.ShortTerm(SfuPassword);
        Assert.True(check.VerifyMessageIntegrity(key));
        Assert.Equal(Certificate.Fingerprint, peer.Fingerprint);
        Assert.False(peer.IsConnected);
    }

    [Fact]
    public async Task Tcp_checks_are_framed_by_rfc_4571()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var peer = new WebRtcPeer("sfuUfrag", "sfuPasswordSfuPassword12", Certificate.Fingerprint,
            (IPEndPoint)listener.LocalEndPoint!, useTcp: true, certificate: Certificate) { IceTimeout = TimeSpan.FromMilliseconds(300) };

        var connecting = peer.ConnectAsync();
        using var accepted = await listener.AcceptAsync().WaitAsync(TimeSpan.FromSeconds(20));
        var prefix = new byte[2];
        await accepted.ReceiveAsync(prefix);
        var length = (prefix[0] << 8) | prefix[1];
        var message = new byte[length];
        var read = 0;
        while (read < length)
        {
            read += await accepted.ReceiveAsync(message.AsMemory(read));
        }

        await Assert.ThrowsAsync<TimeoutException>(() => connecting);
        Assert.True(StunMessage.TryParse(message, out var check));
        Assert.Equal(StunMessageType.BindingRequest, check.Type);
        Assert.True(check.VerifyFingerprint());
    }

    [Fact]
    public void Sending_media_before_connecting_is_refused()
    {
        using var peer = new WebRtcPeer("u1u1", "p".PadRight(22, 'p'), Certificate.Fingerprint,
            new IPEndPoint(IPAddress.Loopback, 9), certificate: Certificate);
        var packet = new byte[64];
        packet[0] = 0x80;
        Assert.False(peer.SendRtp(packet, 12));
        Assert.False(peer.SendRtcp(packet, 8));
    }
}
