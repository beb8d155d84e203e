using System.Net;
using System.Text.Json;
using AnHop.Browser.Tests.Harness;
using AnHop.Media.Dtls;
using AnHop.Media.Sdp;
using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Negotiation;

namespace AnHop.Browser.Tests;

/// <summary>
/// Chromium accepts AnHop's SDP: the SFU's answer on a send connection (with three simulcast layers) and the SFU's
/// offers on a receive connection, including a re-offer that ends one consumer, adds another and recycles an m-line.
/// No media flows: the candidate is 127.0.0.1:9, where nothing answers, so only the descriptions are under test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SdpNegotiationTests(BrowserFixture fixture)
{
    private const string SfuCname = "anhop-sfu";

    [Fact]
    public async Task Chromium_accepts_the_SFU_answer_to_a_camera_microphone_and_simulcast_send_offer()
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/");

        var offer = await page.EvaluateAsync<string>("""
            async () => {
              const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 640, height: 360 } });
              const [audio] = stream.getAudioTracks();
              const [video] = stream.getVideoTracks();
              const pc = new RTCPeerConnection();
              window.sendPc = pc;
              pc.addTransceiver(audio, { direction: 'sendonly', streams: [stream] });
              pc.addTransceiver(video, { direction: 'sendonly', streams: [stream] });
              pc.addTransceiver(video.clone(), {
                direction: 'sendonly',
                streams: [stream],
                sendEncodings: [{ rid: 'q', scaleResolutionDownBy: 4 }, { rid: 'h', scaleResolutionDownBy: 2 }, { rid: 'f' }],
              });
              await pc.setLocalDescription(await pc.createOffer());
              return pc.localDescription.sdp;
            }
            """);

        var ok = PublishNegotiation.TryAnswer(offer, MadeUpTransport(), SfuCapabilities.Default, out var answer, out var reason);
        Assert.True(ok, reason);
        Assert.Equal(3, answer!.Tracks.Count);
        Assert.Equal(["audio/opus", "video/VP8", "video/VP8"], answer.Tracks.Select(t => t.Parameters.Codec.MimeType));
        Assert.Equal(["q", "h", "f"], answer.Tracks[2].Parameters.Encodings.Select(e => e.Rid));
        Assert.NotNull(answer.Tracks[1].Parameters.Encodings[0].RtxSsrc);
        Assert.Contains("a=simulcast:recv q;h;f\r\n", answer.Sdp, StringComparison.Ordinal);

        var state = await EvaluateJsonAsync(page, """
            async (answer) => {
              const pc = window.sendPc;
              await pc.setRemoteDescription({ type: 'answer', sdp: answer });
              const transceivers = pc.getTransceivers();
              return JSON.stringify({
                signalingState: pc.signalingState,
                directions: transceivers.map(t => t.currentDirection),
                encodings: transceivers[2].sender.getParameters().encodings.map(e => ({ rid: e.rid, active: e.active })),
              });
            }
            """, answer.Sdp);

        Assert.Equal("stable", state.GetProperty("signalingState").GetString());
        Assert.Equal(["sendonly", "sendonly", "sendonly"], Strings(state.GetProperty("directions")));
        var encodings = state.GetProperty("encodings").EnumerateArray().ToList();
        Assert.Equal(["q", "h", "f"], encodings.Select(e => e.GetProperty("rid").GetString() ?? "(null)"));
        Assert.All(encodings, e => Assert.True(e.GetProperty("active").GetBoolean()));
        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task Chromium_renegotiates_its_send_connection_adding_a_screen_track_then_stopping_the_camera()
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/");
        var transport = MadeUpTransport();

        var offer = await page.EvaluateAsync<string>("""
            async () => {
              const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
              const pc = new RTCPeerConnection();
              window.sendPc = pc;
              window.camera = stream.getVideoTracks()[0];
              pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly', streams: [stream] });
              pc.addTransceiver(window.camera, { direction: 'sendonly', streams: [stream] });
              await pc.setLocalDescription(await pc.createOffer());
              return pc.localDescription.sdp;
            }
            """);
        var state = await AnswerInPageAsync(page, offer, transport);
        Assert.Equal(["0:sendonly", "1:sendonly"], Strings(state.GetProperty("directions")));

        // A screen track joins (a fake camera clone stands in: getDisplayMedia needs a user gesture).
        offer = await page.EvaluateAsync<string>("""
            async () => {
              const pc = window.sendPc;
              const screen = new MediaStream([window.camera.clone()]);
              pc.addTransceiver(screen.getVideoTracks()[0], { direction: 'sendonly', streams: [screen] });
              await pc.setLocalDescription(await pc.createOffer());
              return pc.localDescription.sdp;
            }
            """);
        state = await AnswerInPageAsync(page, offer, transport);
        Assert.Equal(["0:sendonly", "1:sendonly", "2:sendonly"], Strings(state.GetProperty("directions")));

        // The camera stops: Chromium offers its m-line with port 0 and the SFU's answer rejects it.
        offer = await page.EvaluateAsync<string>("""
            async () => {
              const pc = window.sendPc;
              pc.getTransceivers()[1].stop();
              await pc.setLocalDescription(await pc.createOffer());
              return pc.localDescription.sdp;
            }
            """);
        Assert.True(PublishNegotiation.TryAnswer(offer, transport, SfuCapabilities.Default, out var answer, out var reason), reason);
        Assert.Equal(["0", "2"], answer!.Tracks.Select(t => t.Mid));
        Assert.Equal("1", Assert.Single(answer.Unpublished).Mid);
        state = await SetAnswerAsync(page, answer.Sdp);
        Assert.Equal("stable", state.GetProperty("signalingState").GetString());
        // A stopped transceiver leaves getTransceivers() once the negotiation completes.
        Assert.Equal(["0:sendonly", "2:sendonly"], Strings(state.GetProperty("directions")));

        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    private static async Task<JsonElement> AnswerInPageAsync(Microsoft.Playwright.IPage page, string offer, TransportDescription transport)
    {
        Assert.True(PublishNegotiation.TryAnswer(offer, transport, SfuCapabilities.Default, out var answer, out var reason), reason);
        var state = await SetAnswerAsync(page, answer!.Sdp);
        Assert.Equal("stable", state.GetProperty("signalingState").GetString());
        return state;
    }

    private static Task<JsonElement> SetAnswerAsync(Microsoft.Playwright.IPage page, string answer) => EvaluateJsonAsync(page, """
        async (answer) => {
          const pc = window.sendPc;
          await pc.setRemoteDescription({ type: 'answer', sdp: answer });
          return JSON.stringify({ signalingState: pc.signalingState, directions: pc.getTransceivers().map(t => t.mid + ':' + t.currentDirection) });
        }
        """, answer);

    [Fact]
    public async Task Chromium_accepts_the_SFU_offers_on_a_receive_connection_and_its_re_offers()
    {
        var (context, page, recorder) = await fixture.NewPageAsync();
        await using var _ = context;
        await page.GotoAsync("/");
        var caps = SfuCapabilities.Default;
        var negotiation = new SubscribeNegotiation(MadeUpTransport());
        var aliceMic = Consumer(caps, "0", "audio/opus", 1111, null, "alice", "alice-mic");
        var bobCam = Consumer(caps, "1", "video/VP8", 2222, 2223, "bob", "bob-cam");

        // First offer: Alice's microphone and Bob's camera.
        var first = await OfferAndAnswerAsync(page, negotiation, [aliceMic, bobCam], create: true);
        Assert.Equal("stable", first.GetProperty("signalingState").GetString());
        Assert.Equal(["0:audio:alice", "1:video:bob"], Tracks(first));
        Assert.True(negotiation.TryAcceptAnswer(first.GetProperty("answer").GetString()!, out var accepted, out var reason), reason);
        Assert.NotNull(accepted.RemoteFingerprint);
        Assert.Empty(accepted.RejectedMids);
        Assert.Contains(accepted.HeaderExtensions["1"], e => e.Uri == Extmap.TransportWideCc);

        // Re-offer: Bob's camera ends (port 0, its track ends at once), Carol's camera arrives.
        var carolCam = Consumer(caps, "2", "video/VP8", 3333, 3334, "carol", "carol-cam");
        var second = await OfferAndAnswerAsync(page, negotiation, [aliceMic, bobCam with { Active = false }, carolCam], create: false);
        Assert.Equal("stable", second.GetProperty("signalingState").GetString());
        Assert.Equal(["0:audio:alice", "1:video:bob", "2:video:carol"], Tracks(second));
        Assert.Equal("ended", second.GetProperty("trackStates").GetProperty("1").GetString());
        Assert.Equal("live", second.GetProperty("trackStates").GetProperty("2").GetString());
        Assert.True(negotiation.TryAcceptAnswer(second.GetProperty("answer").GetString()!, out accepted, out reason), reason);
        Assert.Empty(accepted.RejectedMids);

        // Re-offer: Dave's camera recycles Bob's rejected m-line under a new mid.
        var daveCam = Consumer(caps, "3", "video/VP8", 4444, 4445, "dave", "dave-cam");
        var third = await OfferAndAnswerAsync(page, negotiation, [aliceMic, daveCam, carolCam], create: false);
        Assert.Equal("stable", third.GetProperty("signalingState").GetString());
        Assert.Equal(["0:audio:alice", "1:video:bob", "2:video:carol", "3:video:dave"], Tracks(third));
        Assert.True(negotiation.TryAcceptAnswer(third.GetProperty("answer").GetString()!, out accepted, out reason), reason);
        Assert.Equal(3UL, negotiation.SessionVersion);

        recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        recorder.AssertNoConsoleProblems();
    }

    private static async Task<JsonElement> OfferAndAnswerAsync(Microsoft.Playwright.IPage page, SubscribeNegotiation negotiation,
        ConsumerDescription[] consumers, bool create)
    {
        var offer = negotiation.CreateOffer(consumers);
        if (create)
        {
            await page.EvaluateAsync("""
                () => {
                  const pc = new RTCPeerConnection();
                  window.recvPc = pc;
                  window.tracks = [];
                  pc.ontrack = e => window.tracks.push({ mid: e.transceiver.mid, kind: e.track.kind, streams: e.streams.map(s => s.id), track: e.track });
                }
                """);
        }

        return await EvaluateJsonAsync(page, """
            async (offer) => {
              const pc = window.recvPc;
              await pc.setRemoteDescription({ type: 'offer', sdp: offer });
              await pc.setLocalDescription(await pc.createAnswer());
              const trackStates = {};
              for (const t of window.tracks) trackStates[t.mid] = t.track.readyState;
              return JSON.stringify({
                signalingState: pc.signalingState,
                answer: pc.localDescription.sdp,
                tracks: window.tracks.map(t => t.mid + ':' + t.kind + ':' + t.streams.join(',')),
                trackStates,
              });
            }
            """, offer);
    }

    private static async Task<JsonElement> EvaluateJsonAsync(Microsoft.Playwright.IPage page, string script, string argument)
    {
        var json = await page.EvaluateAsync<string>(script, argument);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static ConsumerDescription Consumer(SfuCapabilities caps, string mid, string mimeType, uint ssrc, uint? rtxSsrc,
        string streamId, string trackId)
    {
        var producerCodec = mimeType == "audio/opus" ? new RtpCodec(mimeType, 111, 48000, 2) : new RtpCodec(mimeType, 96, 90000, RtxPayloadType: 97);
        return new ConsumerDescription(mid, caps.CreateConsumerParameters(mid, producerCodec, ssrc, rtxSsrc, SfuCname), streamId, trackId);
    }

    private static TransportDescription MadeUpTransport() =>
        new("sfuN" + Convert.ToHexString(Guid.NewGuid().ToByteArray())[..8], Convert.ToHexString(Guid.NewGuid().ToByteArray()),
            DtlsCertificate.Generate().Fingerprint, [new IPEndPoint(IPAddress.Loopback, 9)]);

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString() ?? "(null)").ToArray();

    private static string[] Tracks(JsonElement state) => Strings(state.GetProperty("tracks"));
}
