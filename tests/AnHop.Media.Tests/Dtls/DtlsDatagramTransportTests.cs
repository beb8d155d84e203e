using System.Diagnostics;
using AnHop.Media.Dtls;
using AnHop.Media.Tests.Testing;

namespace AnHop.Media.Tests.Dtls;

public class DtlsDatagramTransportTests
{
    private static DtlsDatagramTransport NewTransport(int maxDatagrams = 64, int maxBytes = 64 * 1024, DtlsDatagramSender? send = null) =>
        new(send ?? (static _ => { }), receiveLimit: 1500, sendLimit: 1200, maxQueuedDatagrams: maxDatagrams, maxQueuedBytes: maxBytes);

    [Fact]
    public void Queue_is_bounded_in_datagrams_and_counts_what_it_drops()
    {
        var transport = NewTransport(maxDatagrams: 4);

        var accepted = Enumerable.Range(0, 6).Count(i => transport.Enqueue(new byte[] { 22, (byte)i }));

        Assert.Equal(4, accepted);
        Assert.Equal(2, transport.DroppedDatagrams);
        Assert.Equal(4, transport.QueuedDatagrams);
    }

    [Fact]
    public void Queue_is_bounded_in_bytes_and_refuses_datagrams_over_the_receive_limit()
    {
        var transport = NewTransport(maxBytes: 3000);

        Assert.True(transport.Enqueue(new byte[1500]));
        Assert.True(transport.Enqueue(new byte[1500]));
        Assert.False(transport.Enqueue(new byte[1]));
        Assert.Equal(2, transport.QueuedDatagrams);

        var buffer = new byte[1500];
        Assert.Equal(1500, transport.Receive(buffer, 0, buffer.Length, 10));
        Assert.False(transport.Enqueue(new byte[1501]));
        Assert.True(transport.Enqueue(new byte[1500]));
        Assert.Equal(2, transport.DroppedDatagrams);
    }

    [Fact]
    public void Receive_returns_datagrams_in_order_then_minus_one_on_timeout()
    {
        var transport = NewTransport();
        transport.Enqueue([22, 1, 2]);
        transport.Enqueue([23, 4]);
        var buffer = new byte[1500];

        Assert.Equal(3, transport.Receive(buffer, 10));
        Assert.Equal(new byte[] { 22, 1, 2 }, buffer[..3]);
        Assert.Equal(2, transport.Receive(buffer, 10));
        Assert.Equal(new byte[] { 23, 4 }, buffer[..2]);
        var clock = Stopwatch.StartNew();
        Assert.Equal(-1, transport.Receive(buffer, 30));
        Assert.True(clock.ElapsedMilliseconds >= 25, $"timed out after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Zero_wait_means_wait_forever_as_BouncyCastle_documents()
    {
        var transport = NewTransport();
        var receiving = Task.Factory.StartNew(() => transport.Receive(new byte[1500], 0), TaskCreationOptions.LongRunning);

        await Task.Delay(50);
        Assert.False(receiving.IsCompleted);
        transport.Enqueue([22, 9]);

        Assert.Equal(2, await receiving.WaitAsync(DtlsTestPeers.Patience));
    }

    [Fact]
    public async Task Abort_wakes_a_waiting_receive_with_an_IOException_and_stops_sending()
    {
        var sent = 0;
        var transport = NewTransport(send: _ => sent++);
        transport.Send([22, 1]);
        var receiving = Task.Factory.StartNew(() => transport.Receive(new byte[1500], 0), TaskCreationOptions.LongRunning);

        await Task.Delay(20);
        transport.Abort();

        await Assert.ThrowsAsync<IOException>(() => receiving.WaitAsync(DtlsTestPeers.Patience));
        transport.Send([22, 2]);
        Assert.False(transport.Enqueue([22, 3]));
        Assert.Equal(1, sent);
        Assert.Equal(1, transport.SentDatagrams);
    }

    [Fact]
    public async Task Close_leaves_a_waiting_receive_to_time_out_and_fails_later_ones()
    {
        var transport = NewTransport();
        var buffer = new byte[1500];
        var waiting = Task.Factory.StartNew(() => transport.Receive(buffer.AsSpan(), 200), TaskCreationOptions.LongRunning);
        await Task.Delay(20);

        transport.Close();

        Assert.Equal(-1, await waiting.WaitAsync(DtlsTestPeers.Patience));
        Assert.Throws<IOException>(() => transport.Receive(buffer, 0, buffer.Length, 10));
        Assert.False(transport.Enqueue([22, 2]));
    }

    [Fact]
    public void Limits_are_at_least_what_Chromium_needs()
    {
        var transport = NewTransport();

        Assert.True(transport.GetReceiveLimit() >= DtlsDatagramTransport.MinimumReceiveLimit);
        Assert.Equal(1200, transport.GetSendLimit());
        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsDatagramTransport(static _ => { }, receiveLimit: 1000));
    }

    [Fact]
    public void Enqueue_and_receive_allocate_nothing_once_warm()
    {
        var transport = NewTransport();
        var datagram = new byte[1200];
        var buffer = new byte[1500];

        Allocations.AssertNone(() =>
        {
            transport.Enqueue(datagram);
            transport.Receive(buffer, 0, buffer.Length, 1);
        });
    }
}
