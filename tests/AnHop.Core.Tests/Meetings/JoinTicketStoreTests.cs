using AnHop.Core.Meetings;
using AnHop.Core.Security;

namespace AnHop.Core.Tests.Meetings;

public sealed class JoinTicketStoreTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new();

    [Fact]
    public void A_ticket_is_redeemed_once_with_what_the_server_granted()
    {
        var store = new JoinTicketStore(_clock);
        var token = store.Issue("m1", "p1", "Lan", Capabilities.PublishAudio | Capabilities.Subscribe);
        Assert.Equal(SecretToken.Length, token.Length);

        Assert.True(store.TryRedeem(token, out var ticket));
        Assert.Equal(new JoinTicket("m1", "p1", "Lan", Capabilities.PublishAudio | Capabilities.Subscribe, _clock.Now + JoinTicketStore.DefaultLifetime), ticket);
        Assert.False(store.TryRedeem(token, out _));
    }

    [Fact]
    public void An_expired_unknown_or_malformed_ticket_is_refused()
    {
        var store = new JoinTicketStore(_clock);
        var token = store.Issue("m1", "p1", "Lan", Capabilities.Subscribe, TimeSpan.FromSeconds(30));
        _clock.Now += TimeSpan.FromSeconds(31);
        Assert.False(store.TryRedeem(token, out _));
        Assert.False(store.TryRedeem(SecretToken.Create(), out _));
        Assert.False(store.TryRedeem(null, out _));
        Assert.False(store.TryRedeem("short", out _));
    }

    [Fact]
    public void Revoking_a_participant_voids_their_unredeemed_tickets_only()
    {
        var store = new JoinTicketStore(_clock);
        var first = store.Issue("m1", "p1", "Lan", Capabilities.Subscribe);
        var second = store.Issue("m1", "p1", "Lan", Capabilities.Subscribe);
        var other = store.Issue("m1", "p2", "Huệ", Capabilities.Subscribe);
        var elsewhere = store.Issue("m2", "p1", "Lan", Capabilities.Subscribe);

        Assert.Equal(2, store.Revoke("m1", "p1"));
        Assert.False(store.TryRedeem(first, out _));
        Assert.False(store.TryRedeem(second, out _));
        Assert.True(store.TryRedeem(other, out _));
        Assert.True(store.TryRedeem(elsewhere, out _));
    }
}
