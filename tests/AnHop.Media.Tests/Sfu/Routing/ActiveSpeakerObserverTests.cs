using AnHop.Media.Sfu;
using AnHop.Media.Sfu.Routing;

namespace AnHop.Media.Tests.Sfu.Routing;

public class ActiveSpeakerObserverTests
{
    private static byte[] AudioPacket(uint ssrc, ushort seq, byte level, bool voice = true) =>
        Rtp.Packet(ssrc, seq, seq * 960u, Parameters.OpusPt, [0xFC, 0xFF],
            false, (Parameters.AudioLevelId, [(byte)((voice ? 0x80 : 0) | level)]));

    /// <summary>Sends 20 ms audio from alice (level a) and bob (level b) for <paramref name="ms"/>, ticking every 100 ms.</summary>
    private static void Talk(TestMeeting m, TestTransport bob, ref ushort seq, int ms, byte a, byte b)
    {
        for (var t = 0; t < ms; t += 20)
        {
            m.Send(AudioPacket(0xA, seq, a));
            bob.Receive(AudioPacket(0xB, seq, b));
            seq++;
            m.Clock.Advance(20);
            if (t % 100 == 80)
            {
                m.Router.Tick(m.Clock.NowMs);
            }
        }
    }

    [Fact]
    public void The_loudest_speaker_becomes_dominant_and_a_challenger_takes_over_only_after_the_hold_time()
    {
        var m = new TestMeeting(0);
        var bob = new TestTransport("bob");
        m.Router.AddTransport(bob, "bob");
        var alice = m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA));
        var bobs = m.Router.Produce(bob, ProducerSource.Microphone, Parameters.Audio(0xB));
        var changes = new List<Producer?>();
        m.Router.DominantSpeakerChanged += (_, p) => changes.Add(p);
        ushort seq = 0;

        Talk(m, bob, ref seq, 1000, a: 25, b: 127);
        Assert.Same(alice, m.Router.ActiveSpeakerObserver.DominantSpeaker);
        Assert.Equal([alice], changes);

        // Bob speaks up: not at the first tick he is louder, only once the hold time passed.
        Talk(m, bob, ref seq, 400, a: 60, b: 20);
        Assert.Same(alice, m.Router.ActiveSpeakerObserver.DominantSpeaker);
        Talk(m, bob, ref seq, 1000, a: 60, b: 20);
        Assert.Same(bobs, m.Router.ActiveSpeakerObserver.DominantSpeaker);
        Assert.Equal([alice, bobs], changes);

        // A short burst from alice does not flip it back.
        Talk(m, bob, ref seq, 200, a: 10, b: 20);
        Talk(m, bob, ref seq, 600, a: 127, b: 20);
        Assert.Same(bobs, m.Router.ActiveSpeakerObserver.DominantSpeaker);
    }

    [Fact]
    public void Silence_keeps_the_last_speaker_and_a_closed_speaker_is_cleared()
    {
        var m = new TestMeeting(0);
        var alice = m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA));
        var changes = new List<Producer?>();
        m.Router.DominantSpeakerChanged += (_, p) => changes.Add(p);
        for (ushort i = 0; i < 50; i++)
        {
            m.Send(AudioPacket(0xA, i, 30));
            m.Clock.Advance(20);
        }

        m.Tick(0);
        Assert.Same(alice, m.Router.ActiveSpeakerObserver.DominantSpeaker);
        m.Tick(5000); // DTX: no packets
        Assert.Equal(0, m.Router.ActiveSpeakerObserver.GetLoudness(alice));
        Assert.Same(alice, m.Router.ActiveSpeakerObserver.DominantSpeaker);
        alice.Close();
        Assert.Null(m.Router.ActiveSpeakerObserver.DominantSpeaker);
        Assert.Equal([alice, null], changes);
    }

    [Fact]
    public void Quiet_audio_never_makes_a_dominant_speaker()
    {
        var m = new TestMeeting(0);
        m.Router.Produce(m.Publisher, ProducerSource.Microphone, Parameters.Audio(0xA));
        for (ushort i = 0; i < 100; i++)
        {
            m.Send(AudioPacket(0xA, i, 90, voice: false));
            m.Clock.Advance(20);
            m.Router.Tick(m.Clock.NowMs);
        }

        Assert.Null(m.Router.ActiveSpeakerObserver.DominantSpeaker);
    }
}
