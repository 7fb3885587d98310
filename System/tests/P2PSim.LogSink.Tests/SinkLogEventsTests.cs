using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// What an operator reads in the server's log: state changes only, once each. The service going down is one warning
/// and coming back one information line, however many retries happen between; a spill starts once; a dropped entry
/// is an error; a journal left with entries is reported when the next sink opens it.
/// </summary>
public sealed class SinkLogEventsTests : IDisposable
{
    private const int JournalRecovered = 6001;
    private const int ServiceDown = 6002;
    private const int ServiceUp = 6003;
    private const int SpillStarted = 6004;
    private const int EntryDropped = 6005;
    private const int LeftInJournal = 6006;
    private const int LostOnStop = 6007;

    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("p2psim-logsink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Down_then_up_is_one_warning_and_one_information_line()
    {
        var log = new CapturingLogger();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options(), log);
        Operate(sink, 3);
        await Poll.UntilAsync(() => sink.Retried >= 3, "several refused calls");

        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await Poll.UntilAsync(() => sink.Sent == 3, "3 entries sent");
        Operate(sink, 2);
        await Poll.UntilAsync(() => sink.Sent == 5, "5 entries sent");

        Assert.Equal(1, log.Count(ServiceDown));
        Assert.Equal(1, log.Count(ServiceUp));
        Assert.True(log.Index(ServiceDown) < log.Index(ServiceUp));
        Assert.Equal(0, log.Count(EntryDropped));
    }

    [Fact]
    public async Task A_spill_is_reported_once_and_what_is_left_at_dispose_once_more()
    {
        var log = new CapturingLogger();
        await using (var sink = new RpcLogSink(
            _network.CreateTransport(), Options() with { MaxQueuedEntries = 5, JournalPath = JournalPath }, log))
        {
            Operate(sink, 20);
            Assert.Equal(15, sink.Spilled);
            Assert.Equal(1, log.Count(SpillStarted));
            Assert.Equal(0, log.Count(LeftInJournal));
        }

        Assert.Equal(1, log.Count(LeftInJournal));
        Assert.Equal(0, log.Count(LostOnStop));

        var next = new CapturingLogger();
        await using var second = new RpcLogSink(_network.CreateTransport(), Options() with { JournalPath = JournalPath }, next);
        Assert.Equal(20, second.Pending);
        Assert.Equal(1, next.Count(JournalRecovered));
    }

    [Fact]
    public async Task A_fresh_journal_is_not_reported_as_recovered_and_a_clean_stop_reports_nothing()
    {
        var log = new CapturingLogger();
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using (var sink = new RpcLogSink(_network.CreateTransport(), Options() with { JournalPath = JournalPath }, log))
        {
            Operate(sink, 2);
            await Poll.UntilAsync(() => sink.Sent == 2, "2 entries sent");
        }

        Assert.Empty(log.Events);
    }

    [Fact]
    public async Task Drops_are_errors_and_entries_lost_at_dispose_are_reported()
    {
        var log = new CapturingLogger();
        await using (var sink = new RpcLogSink(_network.CreateTransport(), Options() with { MaxQueuedEntries = 2 }, log))
        {
            Operate(sink, 5);
            Assert.Equal(3, sink.Dropped);
            Assert.Equal(3, log.Count(EntryDropped));
            Assert.Equal(0, log.Count(SpillStarted));
        }

        Assert.Equal(1, log.Count(LostOnStop));
    }

    private string JournalPath => Path.Combine(_directory, "operations.journal");

    private static RpcLogSinkOptions Options() => new(LogEndPoint, "dir-1")
    {
        MinRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        FlushTimeout = TimeSpan.FromMilliseconds(200),
    };

    private static void Operate(RpcLogSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sink.OnOperation(new OperationRecord(Operation.Connect, "user" + i, null, "24/11/2026 21:00:00", 0, "10.0.0.1"));
        }
    }

    /// <summary>Keeps the event id of every log call, in order.</summary>
    private sealed class CapturingLogger : ILogger<RpcLogSink>
    {
        private readonly object _gate = new();
        private readonly List<int> _events = [];

        public IReadOnlyList<int> Events
        {
            get
            {
                lock (_gate)
                {
                    return [.. _events];
                }
            }
        }

        public int Count(int eventId) => Events.Count(e => e == eventId);

        public int Index(int eventId) => Events.ToList().IndexOf(eventId);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 6008)
            {
                return; // RetryFailed: debug detail, as often as there are retries
            }

            lock (_gate)
            {
                _events.Add(eventId.Id);
            }
        }
    }
}
