using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// The retry schedule against a service that refuses every call: the first delay is <c>MinRetryDelay</c>, delays
/// double, and never grow past <c>MaxRetryDelay</c>; and without a journal, entries still pending at dispose are
/// counted as dropped. Bounds are one-sided so a slow machine can only make a test pass later, not fail.
/// </summary>
public sealed class SinkRetryTests
{
    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();

    [Fact]
    public async Task The_first_retry_waits_the_minimum_delay()
    {
        await using var sink = Sink(minDelay: TimeSpan.FromSeconds(30), maxDelay: TimeSpan.FromSeconds(30));
        sink.OnOperation(Record());
        await Poll.UntilAsync(() => sink.Retried >= 1, "a refused call");
        await Task.Delay(300);
        Assert.Equal(1, sink.Retried);
    }

    [Fact]
    public async Task Delays_double_after_each_failure()
    {
        await using var sink = Sink(minDelay: TimeSpan.FromMilliseconds(100), maxDelay: TimeSpan.FromSeconds(30));
        sink.OnOperation(Record());
        await Poll.UntilAsync(() => sink.Retried >= 1, "a refused call");
        await Task.Delay(1000);

        // Doubling from 100 ms: retries at +100, +300, +700, +1500 ms: at most 4 in the first second.
        Assert.InRange(sink.Retried, 1, 4);
    }

    [Fact]
    public async Task Delays_stop_growing_at_the_maximum()
    {
        await using var sink = Sink(minDelay: TimeSpan.FromMilliseconds(10), maxDelay: TimeSpan.FromMilliseconds(10));

        // Capped at 10 ms, 12 retries take well under a second; doubling without the cap would take 40 s.
        sink.OnOperation(Record());
        await Poll.UntilAsync(() => sink.Retried >= 12, "12 retries");
    }

    [Fact]
    public async Task Without_a_journal_what_is_pending_at_dispose_is_dropped()
    {
        var sink = Sink(minDelay: TimeSpan.FromMilliseconds(5), maxDelay: TimeSpan.FromMilliseconds(20));
        for (var i = 0; i < 10; i++)
        {
            sink.OnOperation(Record());
        }

        await Poll.UntilAsync(() => sink.Retried >= 1, "a refused call");
        await sink.DisposeAsync();

        Assert.Equal(10, sink.Dropped);
        Assert.Equal(0, sink.Sent);
        Assert.Equal(0, sink.Pending);
    }

    private RpcLogSink Sink(TimeSpan minDelay, TimeSpan maxDelay) => new(
        _network.CreateTransport(),
        new RpcLogSinkOptions(LogEndPoint, "dir-1")
        {
            MinRetryDelay = minDelay,
            MaxRetryDelay = maxDelay,
            FlushTimeout = TimeSpan.FromMilliseconds(50),
        });

    private static OperationRecord Record() => new(Operation.Connect, "alice", null, "24/11/2026 21:00:00", 0, "10.0.0.1");
}
