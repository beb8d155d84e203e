using System.Globalization;
using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;
using CsCheck;
using static AnHop.Media.Tests.Sfu.Negotiation.NegotiationTestData;

namespace AnHop.Media.Tests.Sfu.Negotiation;

/// <summary>Build → negotiate → parse → equal: what goes into an offer comes out of the negotiation unchanged.</summary>
public class NegotiationPropertyTests
{
    private static readonly string[] Uris =
        [Extmap.Mid, Extmap.AbsSendTime, Extmap.TransportWideCc, Extmap.RtpStreamId, Extmap.RepairedRtpStreamId, "urn:ietf:params:rtp-hdrext:toffset"];

    /// <summary>One publisher m-line: which codec, its numbers, its SSRCs or rids, and extmap ids.</summary>
    private sealed record PublishedLine(string Codec, byte PayloadType, byte RtxPayloadType, uint Ssrc, uint RtxSsrc, bool Simulcast, int[] ExtensionIds);

    private static readonly Gen<PublishedLine> PublishedLineGen =
        Gen.Select(Gen.OneOf("opus", "VP8", "VP9"), Gen.Byte[96, 127], Gen.UInt, Gen.UInt, Gen.Bool, Gen.Int[1, 14].Array[Uris.Length],
            (codec, payloadType, ssrc, rtxSsrc, simulcast, ids) => new PublishedLine(codec, payloadType,
                (byte)(payloadType == 127 ? 96 : payloadType + 1), ssrc, rtxSsrc == ssrc ? ssrc ^ 1 : rtxSsrc, simulcast && codec != "opus",
                ids.Distinct().ToArray()));

    [Fact]
    public void PublisherOffer_BuiltFromParameters_IsAnsweredWithTheSameParameters()
    {
        PublishedLineGen.Sample(line =>
        {
            var answer = Answer(BuildOffer(line).Write());

            var track = Assert.Single(answer.Tracks);
            var parameters = track.Parameters;
            Assert.Equal(line.PayloadType, parameters.Codec.PayloadType);
            Assert.Equal(line.Codec == "opus" ? null : line.RtxPayloadType, parameters.Codec.RtxPayloadType);
            Assert.EndsWith("/" + line.Codec, parameters.Codec.MimeType, StringComparison.Ordinal);
            if (line.Simulcast)
            {
                Assert.Equal(["lo", "mid", "hi"], parameters.Encodings.Select(e => e.Rid!));
                Assert.All(parameters.Encodings, e => Assert.Null(e.Ssrc));
            }
            else
            {
                Assert.Equal(new RtpEncoding(line.Ssrc, line.Codec == "opus" ? null : line.RtxSsrc), Assert.Single(parameters.Encodings));
                Assert.Equal("cname" + line.Ssrc.ToString(CultureInfo.InvariantCulture), parameters.Cname);
            }

            var expected = line.ExtensionIds.Select((id, i) => new RtpHeaderExtensionParameter((byte)id, Uris[i]))
                .Where(e => SfuCapabilities.Default.SupportsHeaderExtension(e.Uri));
            Assert.Equal(expected, parameters.HeaderExtensions);
            Assert.Equal(("stream", "track"), (track.StreamId, track.TrackId));
        }, iter: 300);
    }

    /// <summary>An active or ended consumer with its SSRCs.</summary>
    private sealed record ConsumerLine(string Codec, uint Ssrc, bool Rtx, bool Active);

    private static readonly Gen<ConsumerLine[]> ConsumerLinesGen =
        Gen.Select(Gen.OneOf("audio/opus", "video/VP8", "video/VP9"), Gen.UInt[1, uint.MaxValue - 1], Gen.Bool, Gen.Bool,
            (codec, ssrc, rtx, active) => new ConsumerLine(codec, ssrc, rtx && codec != "audio/opus", active)).Array[0, 6];

    [Fact]
    public void SubscribeOffer_CarriesEveryConsumer_AndAMirroredAnswerIsAccepted()
    {
        ConsumerLinesGen.Sample(lines =>
        {
            var negotiation = new SubscribeNegotiation(SfuTransport);
            var all = lines.Select((line, i) => Consumer(i.ToString(CultureInfo.InvariantCulture), line.Codec, line.Ssrc, line.Rtx ? line.Ssrc + 1 : null, "s" + i))
                .ToArray();
            negotiation.CreateOffer(all);
            var consumers = all.Select((consumer, i) => consumer with { Active = lines[i].Active }).ToArray();

            var offer = Parse(negotiation.CreateOffer(consumers));

            Assert.Equal(consumers.Length, offer.Media.Count);
            var bundled = consumers.Where((c, i) => c.Active || i == 0).Select(c => c.Mid).ToArray();
            Assert.Equal(bundled.Length == 0 ? null : SdpGroup.CreateBundle(bundled), offer.Attributes.Bundle);
            for (var i = 0; i < consumers.Length; i++)
            {
                var (consumer, media) = (consumers[i], offer.Media[i]);
                var parameters = consumer.Parameters;
                Assert.Equal(consumer.Mid, media.Attributes.Mid);
                Assert.Equal(parameters.Codec.PayloadType, media.PayloadTypes[0]);
                Assert.Equal(consumer.Active ? MediaDirection.SendOnly : MediaDirection.Inactive, media.Attributes.Direction);
                Assert.Equal(consumer.Active || i == 0 ? 40000 : 0, media.Port);
                if (consumer.Active)
                {
                    Assert.Equal(new Msid(consumer.StreamId, consumer.TrackId), media.Attributes.Msid);
                    var expectedSsrcs = parameters.Encodings[0].RtxSsrc is { } rtx ? new[] { parameters.Encodings[0].Ssrc!.Value, rtx } : [parameters.Encodings[0].Ssrc!.Value];
                    Assert.Equal(expectedSsrcs, media.Attributes.Ssrcs.Select(s => s.Ssrc).Distinct());
                }
            }

            Assert.True(negotiation.TryAcceptAnswer(MirroredAnswer(offer), out var result, out var reason), reason);
            foreach (var consumer in consumers.Where((c, i) => c.Active || i == 0))
            {
                Assert.Equal(consumer.Parameters.HeaderExtensions, result.HeaderExtensions[consumer.Mid]);
            }
        }, iter: 200);
    }

    /// <summary>What Chromium does with an SFU offer: same m-lines, recvonly/inactive, setup active, extmaps echoed.</summary>
    private static string MirroredAnswer(SessionDescription offer)
    {
        var answer = new SessionDescription(SdpOrigin.Create(7));
        answer.Timings.Add(new SdpTiming());
        if (offer.Attributes.Bundle is { } bundle)
        {
            answer.Attributes.AddValue(bundle);
        }

        foreach (var offered in offer.Media)
        {
            var media = new MediaDescription(offered.Media, offered.Port == 0 ? 0 : 9, offered.Protocol, offered.Formats);
            media.Connections.Add(SdpConnection.Ip4());
            var attributes = media.Attributes;
            attributes.Mid = offered.Attributes.Mid;
            if (offered.Port != 0)
            {
                attributes.IceUfrag = "XWle";
                attributes.IcePwd = "vKzR66zUZ/6GQ2HG7M0aatn0";
                attributes.Add(SdpAttributeNames.Fingerprint, SfuFingerprint.ToSdpValue());
                attributes.Setup = SetupRole.Active;
                foreach (var extmap in offered.Attributes.Extmaps)
                {
                    attributes.AddValue(extmap);
                }

                attributes.RtcpMux = true;
            }

            attributes.Direction = offered.Attributes.Direction.Reverse();
            answer.Media.Add(media);
        }

        return answer.Write();
    }

    /// <summary>A Chromium-shaped offer: an unsupported H.264 first, then the line's codec, its RTX, ssrcs or rids.</summary>
    private static SessionDescription BuildOffer(PublishedLine line)
    {
        var offer = new SessionDescription(SdpOrigin.Create(1));
        offer.Timings.Add(new SdpTiming());
        offer.Attributes.AddValue(SdpGroup.CreateBundle("m0"));
        var audio = line.Codec == "opus";
        var h264 = (byte)(line.PayloadType == 35 ? 36 : 35);
        var formats = new List<string> { Number(h264), Number(line.PayloadType) };
        if (!audio)
        {
            formats.Add(Number(line.RtxPayloadType));
        }

        var media = new MediaDescription(audio ? MediaDescription.Audio : MediaDescription.Video, 9, MediaDescription.UdpTlsRtpSavpf, formats);
        media.Connections.Add(SdpConnection.Ip4());
        var attributes = media.Attributes;
        attributes.IceUfrag = "v7k7";
        attributes.IcePwd = "QGDSybxobC317qzQFDIpTv42";
        attributes.Add(SdpAttributeNames.Fingerprint, SfuFingerprint.ToSdpValue());
        attributes.Setup = SetupRole.ActPass;
        attributes.Mid = "m0";
        for (var i = 0; i < line.ExtensionIds.Length; i++)
        {
            attributes.AddValue(new Extmap(line.ExtensionIds[i], Uris[i]));
        }

        attributes.Direction = MediaDirection.SendOnly;
        attributes.AddValue(new Msid("stream", "track"));
        attributes.RtcpMux = true;
        attributes.AddValue(new RtpMap(h264, "H264", audio ? 48000u : 90000u));
        attributes.AddValue(audio ? new RtpMap(line.PayloadType, "opus", 48000, 2) : new RtpMap(line.PayloadType, line.Codec, 90000));
        attributes.AddValue(new RtcpFeedback(line.PayloadType, "nack"));
        if (line.Codec == "VP9")
        {
            attributes.AddValue(new Fmtp(line.PayloadType, "profile-id=0"));
        }

        if (!audio)
        {
            attributes.AddValue(new RtpMap(line.RtxPayloadType, "rtx", 90000));
            attributes.AddValue(new Fmtp(line.RtxPayloadType, "apt=" + Number(line.PayloadType)));
        }

        if (line.Simulcast)
        {
            foreach (var rid in new[] { "lo", "mid", "hi" })
            {
                attributes.AddValue(new Rid(rid, RidDirection.Send));
            }

            attributes.AddValue(Simulcast.Sending("lo", "mid", "hi"));
        }
        else
        {
            var cname = "cname" + line.Ssrc.ToString(CultureInfo.InvariantCulture);
            if (!audio)
            {
                attributes.AddValue(new SsrcGroup(SsrcGroup.FlowIdentification, [line.Ssrc, line.RtxSsrc]));
            }

            attributes.AddValue(new SsrcAttribute(line.Ssrc, SsrcAttribute.CName, cname));
            if (!audio)
            {
                attributes.AddValue(new SsrcAttribute(line.RtxSsrc, SsrcAttribute.CName, cname));
            }
        }

        offer.Media.Add(media);
        return offer;
    }

    private static string Number(byte value) => value.ToString(CultureInfo.InvariantCulture);
}
