using Microsoft.Extensions.Time.Testing;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// The sink over its lifetime: sequence numbers reserved in blocks of 1024 so a crashed run's successor starts above
/// the block, retry delays taken on the configured clock, a second dispose that does nothing, and entries offered
/// after dispose counted as dropped and never queued.
/// </summary>
public sealed class SinkLifecycleTests : IDisposable
{
    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("p2psim-logsink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "operations.journal");

    [Fact]
    public async Task After_a_crash_numbering_resumes_above_the_reserved_block()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        var crashed = Path.Combine(_directory, "crashed");
        Directory.CreateDirectory(crashed);
        await using (var first = new RpcLogSink(_network.CreateTransport(), Options()))
        {
            Operate(first, 3);
            await Poll.UntilAsync(() => first.Sent == 3, "3 entries sent");
            foreach (var file in Directory.GetFiles(_directory))
            {
                File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
            }
        }

        // The second run finds the files as the crash left them: numbers 1..1024 reserved, 1..3 issued.
        var restarted = Options() with { JournalPath = Path.Combine(crashed, "operations.journal") };
        await using var second = new RpcLogSink(_network.CreateTransport(), restarted);
        Operate(second, 1);
        await Poll.UntilAsync(() => second.Sent == 1, "1 entry sent");
        Assert.Equal(1025UL, server.Received()[^1].Sequence);
    }

    [Fact]
    public async Task A_graceful_stop_lets_the_next_run_continue_without_a_gap()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using (var first = new RpcLogSink(_network.CreateTransport(), Options()))
        {
            Operate(first, 3);
            await Poll.UntilAsync(() => first.Sent == 3, "3 entries sent");
        }

        await using var second = new RpcLogSink(_network.CreateTransport(), Options());
        Operate(second, 1);
        await Poll.UntilAsync(() => second.Sent == 1, "1 entry sent");
        Assert.Equal([1UL, 2UL, 3UL, 4UL], server.Received().Select(e => e.Sequence));
    }

    [Fact]
    public async Task Retry_delays_run_on_the_configured_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 21, 0, 0, TimeSpan.Zero));
        var sink = new RpcLogSink(_network.CreateTransport(), new RpcLogSinkOptions(LogEndPoint, "dir-1")
        {
            TimeProvider = clock,
            BatchLinger = TimeSpan.Zero,
            MinRetryDelay = TimeSpan.FromHours(1),
            MaxRetryDelay = TimeSpan.FromHours(1),
            FlushTimeout = TimeSpan.FromSeconds(1),
        });
        Operate(sink, 1);
        await Poll.UntilAsync(() => sink.Retried == 1, "a refused call");
        await Task.Delay(200);
        Assert.Equal(1, sink.Retried);

        clock.Advance(TimeSpan.FromHours(1));
        await Poll.UntilAsync(() => sink.Retried == 2, "a retry once the clock passed the delay");

        var disposing = sink.DisposeAsync().AsTask();
        while (!disposing.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        await disposing;
    }

    [Fact]
    public async Task Disposing_twice_is_harmless_and_later_entries_are_dropped_not_queued()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        var sink = new RpcLogSink(_network.CreateTransport(), Options());
        Operate(sink, 2);
        await sink.DisposeAsync();
        await sink.DisposeAsync();

        Operate(sink, 3);
        Assert.Equal(2, sink.Queued);
        Assert.Equal(3, sink.Dropped);
        Assert.Equal(0, sink.Pending);
        Assert.Equal(2, server.Deduplicated().Count);
    }

    private RpcLogSinkOptions Options() => new(LogEndPoint, "dir-1")
    {
        JournalPath = JournalPath,
        MinRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        FlushTimeout = TimeSpan.FromSeconds(5),
    };

    private static void Operate(RpcLogSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sink.OnOperation(new OperationRecord(Operation.Connect, "user" + i, null, "24/11/2026 21:00:00", 0, "10.0.0.1"));
        }
    }
}
