using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.Rpc;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Tcp;

namespace P2PSim.LogSink.Tests;

public sealed class RpcLogSinkTests : IDisposable
{
    private const string Sender = "dir-1";
    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("p2psim-logsink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task DeliversEveryEntryInOrderWithItsFields()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options());

        sink.OnOperation(new OperationRecord(Operation.Publish, "alice", "song.mp3", "01/02/2025 10:11:12", 0, "10.0.0.1"));
        sink.OnOperation(new OperationRecord(Operation.ListUsers, "bob", null, null, 0, "10.0.0.2"));
        Operate(sink, 998);

        await Poll.UntilAsync(() => sink.Sent == 1000, "1000 entries sent");
        AssertSequence(server.Received(), 1000);
        var first = server.Received()[0];
        Assert.Equal(new LogEntry("alice", "PUBLISH", "song.mp3", "01/02/2025 10:11:12", Sender, 1), first);
        var second = server.Received()[1];
        Assert.Equal(("bob", "LIST_USERS", ""), (second.User, second.Operation, second.FileName));
        Assert.True(Timestamp.IsTimestamp(second.Timestamp), second.Timestamp);
        Assert.Equal(0, sink.Pending);
        Assert.Equal(0, sink.Retried);
    }

    [Theory]
    [InlineData("2025/11/24 18:30:05")]
    [InlineData("18:30:05 24-11-2025")]
    public async Task DeliversAClassicClientsTimestampAsItWasSent(string stamp)
    {
        // Classic time services answer other shapes (docs/protocol.md §2.4); the log keeps the client's string.
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options());

        sink.OnOperation(new OperationRecord(Operation.Register, "alice", null, stamp, 0, "10.0.0.1"));

        await Poll.UntilAsync(() => sink.Sent == 1, "the entry sent");
        Assert.Equal(stamp, Assert.Single(server.Received()).Timestamp);
    }

    [Fact]
    public async Task DeliversOverTcpLoopback()
    {
        await using var server = new FakeLogServer(TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0));
        await server.StartAsync();
        await using var sink = new RpcLogSink(TcpTransport.Instance, Options(server.EndPoint));

        Operate(sink, 600);

        await Poll.UntilAsync(() => sink.Sent == 600, "600 entries sent over TCP");
        AssertSequence(server.Received(), 600);
    }

    [Fact]
    public async Task OnOperationReturnsWhileTheServiceNeverReplies()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = FakeLogServerMode.Stall };
        await server.StartAsync();
        await using var sink = new RpcLogSink(
            _network.CreateTransport(),
            Options() with { CallTimeout = TimeSpan.FromMilliseconds(100), FlushTimeout = TimeSpan.FromMilliseconds(50) });

        // Completion is the assertion: 10,000 calls finish although no batch is ever acknowledged.
        var calls = Task.Run(() => Operate(sink, 10_000));
        await calls.WaitAsync(Poll.Deadline);

        Assert.Equal(10_000, sink.Queued);
        Assert.Equal(0, sink.Sent);
        Assert.Equal(10_000, sink.Pending);
        await Poll.UntilAsync(() => sink.Retried > 0, "a timed-out call retried");
    }

    [Fact]
    public async Task ServiceDownAtStartThenStartedDeliversEverything()
    {
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options());
        Operate(sink, 500);
        await Poll.UntilAsync(() => sink.Retried >= 2, "refused connections retried");

        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();

        await Poll.UntilAsync(() => sink.Sent == 500, "500 entries sent after the service started");
        AssertSequence(server.Received(), 500);
    }

    [Fact]
    public async Task RestartAndGarbageMidStreamDeliverEachEntryOnceAfterDedupe()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { BatchSize = 16 });

        Operate(sink, 300);
        await Poll.UntilAsync(() => sink.Sent >= 100, "some entries sent");
        await server.StopAsync();
        Operate(sink, 300);
        await Poll.UntilAsync(() => sink.Retried > 0, "a failure while stopped");
        server.Mode = FakeLogServerMode.Garbage;
        await server.StartAsync();
        Operate(sink, 300);
        await Poll.UntilAsync(() => server.Received().Count > 300, "garbage-answered batches recorded");
        server.Mode = FakeLogServerMode.Normal;

        await Poll.UntilAsync(() => sink.Sent == 900, "900 entries sent");
        var received = server.Received();
        Assert.True(received.Count > 900, "garbage replies must have caused re-sends");
        Assert.Equal(Enumerable.Range(1, 900).Select(i => (ulong)i), received.Select(e => e.Sequence).Distinct().Order());
        AssertSequence(server.Deduplicated(), 900);
    }

    [Fact]
    public async Task OverTheMemoryBoundSpillsAndStillDeliversEverything()
    {
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { MaxQueuedEntries = 100 });
        Operate(sink, 1000);
        Assert.Equal(900, sink.Spilled);
        Assert.Equal(1000, sink.Pending);
        Assert.Equal(0, sink.Dropped);

        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        Operate(sink, 50);

        await Poll.UntilAsync(() => sink.Sent == 1050, "1050 entries sent");
        AssertSequence(server.Deduplicated(), 1050);
        Assert.Equal(0, sink.Pending);
        Assert.Equal(0, new FileInfo(JournalPath).Length);
    }

    [Fact]
    public async Task WithoutAJournalOverTheMemoryBoundDrops()
    {
        await using var sink = new RpcLogSink(
            _network.CreateTransport(),
            Options() with { JournalPath = null, MaxQueuedEntries = 10, FlushTimeout = TimeSpan.Zero });
        Operate(sink, 15);

        Assert.Equal(5, sink.Dropped);
        Assert.Equal(10, sink.Pending);
    }

    [Fact]
    public async Task DisposeWithTheServiceDownLeavesEntriesForTheNextSink()
    {
        var options = Options() with { MaxQueuedEntries = 100, FlushTimeout = TimeSpan.FromMilliseconds(100) };
        await using (var first = new RpcLogSink(_network.CreateTransport(), options))
        {
            Operate(first, 300);
            await Poll.UntilAsync(() => first.Retried > 0, "the first sink tried");
        }

        await using var second = new RpcLogSink(_network.CreateTransport(), options);
        Assert.Equal(300, second.Pending);
        Operate(second, 50);
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();

        await Poll.UntilAsync(() => second.Sent == 350, "leftovers and new entries sent");
        AssertSequence(server.Deduplicated(), 350);
    }

    [Fact]
    public async Task DisposeFlushesWhatTheServiceCanTake()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        var sink = new RpcLogSink(_network.CreateTransport(), Options());
        Operate(sink, 2000);
        await sink.DisposeAsync();

        AssertSequence(server.Deduplicated(), 2000);
        sink.OnOperation(Record(0));
        Assert.Equal(1, sink.Dropped);
    }

    [Fact]
    public async Task AfterACrashTheNextRunNeverReusesSequenceNumbers()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();

        // Run 1 sends 5 entries; its journal files as they are on disk at that moment are what a crash leaves.
        var crashed = Path.Combine(_directory, "crashed");
        await using (var first = new RpcLogSink(_network.CreateTransport(), Options()))
        {
            Operate(first, 5);
            await Poll.UntilAsync(() => first.Sent == 5, "5 entries sent");
            Directory.CreateDirectory(crashed);
            foreach (var file in Directory.GetFiles(_directory))
            {
                File.Copy(file, Path.Combine(crashed, Path.GetFileName(file)));
            }
        }

        foreach (var file in Directory.GetFiles(crashed))
        {
            File.Copy(file, Path.Combine(_directory, Path.GetFileName(file)), overwrite: true);
        }

        await using (var second = new RpcLogSink(_network.CreateTransport(), Options()))
        {
            Operate(second, 5);
            await Poll.UntilAsync(() => second.Sent == 5, "5 more entries sent");
        }

        var entries = server.Deduplicated();
        Assert.Equal(10, entries.Count); // none of run 2's entries was taken for a duplicate of run 1's
        Assert.Equal(10, entries.Select(e => e.Sequence).Distinct().Count());
    }

    private string JournalPath => Path.Combine(_directory, "operations.journal");

    private RpcLogSinkOptions Options(TransportEndPoint? endPoint = null) => new(endPoint ?? LogEndPoint, Sender)
    {
        JournalPath = JournalPath,
        MinRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(40),
        CallTimeout = TimeSpan.FromSeconds(2),
        FlushTimeout = TimeSpan.FromSeconds(5),
    };

    private static OperationRecord Record(int i) =>
        new(Operation.Connect, "user" + i, null, "24/11/2026 21:00:00", 0, "127.0.0.1");

    private static void Operate(RpcLogSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sink.OnOperation(Record(i));
        }
    }

    private static void AssertSequence(IReadOnlyList<LogEntry> entries, int count)
    {
        Assert.Equal(Enumerable.Range(1, count).Select(i => (ulong)i), entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.Equal(Sender, e.Sender));
    }
}
