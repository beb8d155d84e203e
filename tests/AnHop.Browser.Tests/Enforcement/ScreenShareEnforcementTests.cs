using System.Text.Json;
using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using AnHop.Core.Policies;
using AnHop.Server.Media;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Browser.Tests.Enforcement;

/// <summary>
/// A participant without the right to share their screen calls the hub's Publish with a 'screen' source from the page
/// itself, on the page's own hub connection, bypassing the UI (which hides the share button). The server refuses the
/// source, the SFU holds no screen producer, and the other page receives no second video.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenShareEnforcementTests(BrowserFixture fixture)
{
    // The test's own instrument: keeps a handle on the page's WebSockets and peer connections, so the test can add a
    // track to the page's own publishing connection and speak the hub protocol on the connection the page joined with
    // (SignalR's JSON protocol: records end with U+001E).
    private const string KeepHandles = """
        (() => {
          const NativeSocket = window.WebSocket;
          window.__sockets = [];
          window.WebSocket = class extends NativeSocket {
            constructor(...args) { super(...args); window.__sockets.push(this); }
          };
          const NativePeer = window.RTCPeerConnection;
          window.__peers = [];
          window.RTCPeerConnection = class extends NativePeer {
            constructor(...args) { super(...args); window.__peers.push(this); }
          };
        })();
        """;

    private const string PublishScreen = """
        async () => {
          const ws = window.__sockets.find(s => s.url.includes('/hubs/meeting') && s.readyState === WebSocket.OPEN);
          const pc = window.__peers.find(p => p.getSenders().some(s => s.track));
          if (!ws || !pc) return JSON.stringify({ missing: `socket ${!!ws}, publishing connection ${!!pc}` });
          const canvas = document.createElement('canvas');
          canvas.width = 320; canvas.height = 240;
          const paint = canvas.getContext('2d');
          window.__paint = setInterval(() => { paint.fillStyle = `hsl(${Date.now() % 360} 80% 50%)`; paint.fillRect(0, 0, 320, 240); }, 40);
          const transceiver = pc.addTransceiver(canvas.captureStream(25).getVideoTracks()[0], { direction: 'sendonly' });
          await pc.setLocalDescription(await pc.createOffer());
          const mid = transceiver.mid;
          const id = 'screen-' + Math.random().toString(36).slice(2);
          const completion = await new Promise((resolve) => {
            const listen = (event) => {
              for (const record of String(event.data).split('\u001e')) {
                if (!record) continue;
                const message = JSON.parse(record);
                if (message.type === 3 && message.invocationId === id) { ws.removeEventListener('message', listen); resolve(message); }
              }
            };
            ws.addEventListener('message', listen);
            ws.send(JSON.stringify({ type: 1, invocationId: id, target: 'Publish', arguments: [pc.localDescription.sdp, [{ mid, source: 'screen' }]] }) + '\u001e');
          });
          let applied = 'no answer';
          if (completion.result?.answerSdp) {
            try { await pc.setRemoteDescription({ type: 'answer', sdp: completion.result.answerSdp }); applied = 'applied'; } catch (e) { applied = String(e); }
          }
          return JSON.stringify({ mid, applied, error: completion.error ?? null, refused: completion.result?.refused ?? null });
        }
        """;

    [Fact]
    public async Task A_screen_published_from_the_page_without_permission_is_refused_and_nothing_reaches_the_other_page()
    {
        var meetingId = Guid.NewGuid();
        var media = fixture.Server.Services.GetRequiredService<MeetingMedia>();
        var hostTicket = await LiveAdmission.AdmitAsync(fixture.Server, meetingId, "Chủ trì", MeetingRole.Host, MeetingPolicy.SecureDefault);
        var (hostContext, host, _) = await fixture.NewPageAsync();
        await using var _ = hostContext;
        await host.GotoAsync("/meeting#ticket=" + hostTicket);
        await EnforcementPages.WaitJoinedAsync(host);

        var ticket = await LiveAdmission.AdmitAsync(fixture.Server, meetingId, "Thành viên", MeetingRole.Participant, MeetingPolicy.SecureDefault);
        var (context, page, _) = await fixture.NewPageAsync();
        await using var __ = context;
        await page.AddInitScriptAsync(KeepHandles);
        await page.GotoAsync("/meeting#ticket=" + ticket);
        await EnforcementPages.WaitJoinedAsync(page);
        Assert.True(await page.IsHiddenAsync("button[data-action=share]"));
        await EnforcementPages.AssertVideoFlowsAsync(host, "host receiving the participant's camera");

        var answer = JsonDocument.Parse(await page.EvaluateAsync<string>(PublishScreen)).RootElement;
        Assert.False(answer.TryGetProperty("missing", out var missing), "not found in the page: " + missing);
        var refusedByHub = answer.GetProperty("error").ValueKind == JsonValueKind.String;
        var refusedSource = answer.GetProperty("refused").ValueKind == JsonValueKind.Array
            && answer.GetProperty("refused").EnumerateArray().Any(r => r.GetProperty("mid").GetString() == answer.GetProperty("mid").GetString());
        Assert.True(refusedByHub || refusedSource, "the screen was not refused: " + answer);

        // Nothing of it is forwarded: no screen producer in the SFU, and the host still decodes exactly one remote video.
        var described = media.Describe(meetingId.ToString());
        Assert.DoesNotContain(" Screen ", described, StringComparison.Ordinal);
        await EnforcementPages.AssertVideoFlowsAsync(host, "host after the attempt");
        Assert.Single(await EnforcementPages.FramesDecodedAsync(host), v => v.Value > 0);
        Assert.DoesNotContain(" Screen ", media.Describe(meetingId.ToString()), StringComparison.Ordinal);
    }
}
