using AnHop.Browser.Tests.Harness;
using AnHop.Core.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace AnHop.Browser.Tests;

/// <summary>
/// Real Chromium pages meeting through AnHop's own SFU (ICE-lite, DTLS-SRTP, RTP/RTCP forwarding), with the fake
/// camera and microphone, inside the loopback-only test namespace. Media is proven by the pages' own getStats().
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SfuMeetingTests(BrowserFixture fixture)
{
    private static readonly TimeSpan MediaPatience = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task Three_pages_see_and_hear_each_other_over_GCM_and_a_leaver_disappears_by_signalling()
    {
        var meeting = NewMeetingId();
        await using var a = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "An");
        await using var b = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Bình");
        var c = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Chi");

        foreach (var page in new[] { a, b, c })
        {
            try
            {
                await page.WaitForStatsAsync(s => s.Video.Count(v => v.FramesDecoded > 0) >= 2 && s.Audio.Count(x => x.PacketsReceived > 0) >= 2,
                    MediaPatience, "two remote videos decoding and two audio streams arriving");
            }
            catch (TimeoutException ex)
            {
                throw new TimeoutException($"{page.ParticipantId}: {ex.Message}\nSFU:\n{fixture.Server.Services.GetRequiredService<AnHop.Server.Media.MeetingMedia>().Describe(meeting)}", ex);
            }
        }

        // Video keeps flowing: framesDecoded rises on every remote video, audio packets rise, no freeze over 1 s (a
        // starved CPU on a shared test machine can make Chromium count a short one: its length is what tells).
        var before = await Task.WhenAll(a.StatsAsync(), b.StatsAsync(), c.StatsAsync());
        await Task.Delay(1500);
        var after = await Task.WhenAll(a.StatsAsync(), b.StatsAsync(), c.StatsAsync());
        for (var i = 0; i < 3; i++)
        {
            foreach (var video in after[i].Video.Where(v => v.FramesDecoded > 0))
            {
                var earlier = before[i].Video.Single(v => v.TrackIdentifier == video.TrackIdentifier);
                Assert.True(video.FramesDecoded - earlier.FramesDecoded >= 10, $"page {i}: {earlier.FramesDecoded} → {video.FramesDecoded} frames in 1.5 s");
                Assert.True(video.TotalFreezesDuration - earlier.TotalFreezesDuration < 1.0,
                    $"page {i}: video froze {video.FreezeCount - earlier.FreezeCount} time(s), {video.TotalFreezesDuration - earlier.TotalFreezesDuration:0.00} s in 1.5 s");
            }

            foreach (var audio in after[i].Audio.Where(x => x.PacketsReceived > 0))
            {
                var earlier = before[i].Audio.Single(x => x.TrackIdentifier == audio.TrackIdentifier);
                Assert.True(audio.PacketsReceived - earlier.PacketsReceived >= 25, $"page {i}: audio {earlier.PacketsReceived} → {audio.PacketsReceived}");
            }

            Assert.NotEmpty(after[i].SrtpCiphers);
            Assert.All(after[i].SrtpCiphers, cipher => Assert.Equal("SRTP_AEAD_AES_128_GCM", cipher));
        }

        // Chi leaves: the others lose her tile by signalling, within 5 s (a media timeout would take far longer).
        var leaver = c.ParticipantId;
        await c.Page.ClickAsync("button[data-action=leave]");
        var left = DateTime.UtcNow;
        foreach (var page in new[] { a, b })
        {
            await page.Page.WaitForFunctionAsync($"() => !document.querySelector('figure[data-participant=\"{leaver}\"]')",
                null, new() { Timeout = 5000 });
        }

        Assert.True(DateTime.UtcNow - left < TimeSpan.FromSeconds(5));
        await c.DisposeAsync();
        foreach (var page in new[] { a, b })
        {
            page.Recorder.AssertOnlyRequestsTo(fixture.Server.BaseUrl);
        }
    }

    [Fact]
    public async Task A_late_joiner_decodes_at_once_because_the_SFU_asks_the_publisher_for_a_keyframe()
    {
        var meeting = NewMeetingId();
        await using var publisher = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Dũng");
        await publisher.WaitForStatsAsync(s => s.Outbound.Any(o => o.Kind == "video" && o.FramesEncoded > 60), MediaPatience, "publisher encoding");
        var pliBefore = (await publisher.StatsAsync()).Outbound.Where(o => o.Kind == "video").Sum(o => o.PliCount + o.FirCount);

        await using var late = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Giang");
        await late.WaitForStatsAsync(s => s.Video.Any(v => v.FramesDecoded > 0), TimeSpan.FromSeconds(10), "the late joiner decoding");
        var publisherStats = await publisher.WaitForStatsAsync(
            s => s.Outbound.Where(o => o.Kind == "video").Sum(o => o.PliCount + o.FirCount) > pliBefore,
            TimeSpan.FromSeconds(5), "a keyframe request reaching the publisher");
        Assert.True(publisherStats.Outbound.Where(o => o.Kind == "video").Sum(o => o.PliCount + o.FirCount) > pliBefore);

        // The SFU reads the audio-level extension and names a dominant speaker; the pages mark that tile.
        await publisher.Page.WaitForSelectorAsync("figure[data-speaking]", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 10_000 });
    }

    [Fact]
    public async Task A_participant_without_publish_rights_gets_no_media_forwarded()
    {
        var meeting = NewMeetingId();
        await using var watcher = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Hà");
        await using var listener = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Khoa", Capabilities.Subscribe);

        // The listener receives Hà, while nothing of the listener's reaches Hà: the SFU refused both producers.
        await listener.WaitForStatsAsync(s => s.Video.Any(v => v.FramesDecoded > 0), MediaPatience, "the listener decoding Hà");
        await Task.Delay(2000);
        var watcherStats = await watcher.StatsAsync();
        Assert.DoesNotContain(watcherStats.Inbound, i => i.PacketsReceived > 0);
        // The listener has a name tile (everyone present is shown), but no video or audio of theirs arrives.
        Assert.Empty(await watcher.Page.QuerySelectorAllAsync($"figure[data-participant=\"{listener.ParticipantId}\"] video[data-track]"));
    }

    [Fact]
    public async Task A_shared_screen_is_decoded_by_the_others()
    {
        var meeting = NewMeetingId();
        await using var presenter = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Lan",
            MeetingPage.Everything | Capabilities.PublishScreen);
        await using var viewer = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Minh");
        await viewer.WaitForStatsAsync(s => s.Video.Count(v => v.FramesDecoded > 0) == 1, MediaPatience, "the camera decoding");
        Assert.True(await viewer.Page.IsHiddenAsync("button[data-action=share]"), "share offered without the capability");

        await presenter.Page.ClickAsync("button[data-action=share]");
        await viewer.WaitForStatsAsync(s => s.Video.Count(v => v.FramesDecoded > 0) == 2, MediaPatience, "the screen decoding too");
    }

    [Fact]
    public async Task Loss_injected_at_the_SFU_is_repaired_by_NACK_without_freezing_video()
    {
        await using var lossy = await AnHopServer.StartAsync("--AnHop:Media:ForwardedLossPercent=3");
        var meeting = NewMeetingId();
        await using var sender = await MeetingPage.JoinAsync(fixture, lossy, meeting, "Nga");
        await using var receiver = await MeetingPage.JoinAsync(fixture, lossy, meeting, "Phúc");
        await receiver.WaitForStatsAsync(s => s.Video.Any(v => v.FramesDecoded > 20), MediaPatience, "video decoding through loss");

        var before = (await receiver.StatsAsync()).Video.Single();
        var after = (await receiver.WaitForStatsAsync(s => s.Video.Single().NackCount > before.NackCount + 2 && s.Video.Single().FramesDecoded > before.FramesDecoded + 40,
            MediaPatience, "NACKs sent and frames still decoding")).Video.Single();
        Assert.True(after.NackCount > 0);
        Assert.True(after.FreezeCount - before.FreezeCount <= 1, $"video froze {after.FreezeCount - before.FreezeCount} times");
    }

    [Fact]
    public async Task Simulcast_the_subscriber_gets_the_layer_that_fits_the_size_it_shows()
    {
        await using var server = await AnHopServer.StartAsync("--AnHop:Media:Simulcast=true");
        var media = server.Services.GetRequiredService<AnHop.Server.Media.MeetingMedia>();
        var meeting = NewMeetingId();

        // One encoder and one decoder only: on 2 cores Chromium drops its upper layers when the CPU is busy.
        await using var publisher = await MeetingPage.JoinAsync(fixture, server, meeting, "Quyên", Capabilities.PublishAudio | Capabilities.PublishVideo);
        await using var viewer = await MeetingPage.JoinAsync(fixture, server, meeting, "Tâm", Capabilities.Subscribe);
        await publisher.WaitForStatsAsync(s => s.Outbound.Count(o => o.Kind == "video" && o.Rid is not null && o.FramesEncoded > 10) >= 2,
            MediaPatience, "two layers encoding");
        await viewer.WaitForStatsAsync(s => s.Video.Any(v => v.FramesDecoded > 0), MediaPatience, "video decoding");

        // Shown small (120 px wide): the SFU switches this subscriber to the quarter layer, 160 wide from 640x480.
        await viewer.Page.EvaluateAsync("() => document.querySelectorAll('video[data-track]').forEach(v => { v.closest('figure').style.width = '120px'; })");
        await viewer.WaitForStatsAsync(s => s.Video.Any(v => v.FramesDecoded > 0 && v.FrameWidth is > 0 and <= 160), MediaPatience, "the quarter layer");
        Assert.Equal(0, Assert.Single(media.VideoLayers(meeting, viewer.ParticipantId)).Current);

        // Shown large: the subscriber's request reaches the SFU, which now prefers the full layer. (Which layer then
        // flows depends on what Chromium still encodes: it drops upper layers when the CPU is short.)
        await viewer.Page.EvaluateAsync("() => document.querySelectorAll('video[data-track]').forEach(v => { v.closest('figure').style.width = '760px'; })");
        var deadline = DateTime.UtcNow + MediaPatience;
        while (Assert.Single(media.VideoLayers(meeting, viewer.ParticipantId)).Preferred != 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(2, Assert.Single(media.VideoLayers(meeting, viewer.ParticipantId)).Preferred);
    }

    [Fact]
    public async Task A_subscriber_hides_a_video_the_SFU_stops_sending_it_and_shows_it_again()
    {
        var meeting = NewMeetingId();
        var media = fixture.Server.Services.GetRequiredService<AnHop.Server.Media.MeetingMedia>();
        await using var speaker = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Uyên", Capabilities.PublishAudio | Capabilities.PublishVideo);
        await using var viewer = await MeetingPage.JoinAsync(fixture, fixture.Server, meeting, "Vinh", Capabilities.Subscribe);
        await viewer.WaitForStatsAsync(s => s.Video.Any(v => v.FramesDecoded > 10), MediaPatience, "video decoding");
        Assert.Single(media.VideoLayers(meeting, viewer.ParticipantId));

        await viewer.Page.ClickAsync($"figure[data-participant=\"{speaker.ParticipantId}\"] button[data-action=toggle-video]");
        await viewer.Page.WaitForSelectorAsync("button[data-action=toggle-video][aria-pressed=true]");
        Assert.Empty(media.VideoLayers(meeting, viewer.ParticipantId));
        var hidden = (await viewer.StatsAsync()).Video.Sum(v => v.PacketsReceived);
        await Task.Delay(1500);
        Assert.True((await viewer.StatsAsync()).Video.Sum(v => v.PacketsReceived) - hidden < 20, "video still arriving after it was hidden");
        await viewer.WaitForStatsAsync(s => s.Audio.Any(a => a.PacketsReceived > 0), MediaPatience, "audio still arriving");

        await viewer.Page.ClickAsync("button[data-action=toggle-video][aria-pressed=true]");
        await viewer.Page.WaitForSelectorAsync("button[data-action=toggle-video][aria-pressed=false]");
        Assert.Single(media.VideoLayers(meeting, viewer.ParticipantId));
        var shown = (await viewer.StatsAsync()).Video.Sum(v => v.FramesDecoded);
        await viewer.WaitForStatsAsync(s => s.Video.Sum(v => v.FramesDecoded) > shown + 10, MediaPatience, "video decoding again");
    }

    private static string NewMeetingId() => Guid.NewGuid().ToString();
}
