using Microsoft.Extensions.Logging;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// A log service that answers, but not as P2PSim's log program (another classic system's program number, another
/// version, another argument shape, another RPC version, another auth): the operator reads one error saying what it
/// answered and what to check, however many retries follow; the sink keeps every entry (spilling to its journal) and
/// delivers them all, in order, once the service is put right.
/// </summary>
public sealed class SinkMismatchTests : IDisposable
{
    private const int ServiceDown = 6002;
    private const int ServiceUp = 6003;
    private const int ServiceMismatch = 6009;

    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("p2psim-logsink-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(nameof(FakeLogServerMode.ProgramUnavailable), "does not serve P2PSim's log program 0x20050105 version 1 (PROG_UNAVAIL)")]
    [InlineData(nameof(FakeLogServerMode.ProgramMismatch), "in versions 2-3 only, not version 1 (PROG_MISMATCH)")]
    [InlineData(nameof(FakeLogServerMode.ProcedureUnavailable), "without LOG_BATCH, procedure 2 (PROC_UNAVAIL)")]
    [InlineData(nameof(FakeLogServerMode.GarbageArguments), "could not decode LOG_BATCH's arguments (GARBAGE_ARGS)")]
    [InlineData(nameof(FakeLogServerMode.RpcMismatch), "speaks ONC-RPC versions 3-4, not 2")]
    [InlineData(nameof(FakeLogServerMode.AuthError), "denied the call's AUTH_NONE credential (TooWeak)")]
    [InlineData(nameof(FakeLogServerMode.TrailingBytes), "carried 8 bytes of results, not one XDR int")]
    public async Task Another_log_program_is_reported_once_with_what_to_check_and_nothing_is_lost(string mode, string what)
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = Enum.Parse<FakeLogServerMode>(mode) };
        await server.StartAsync();
        var log = new MessageLogger();
        var journal = Path.Combine(_directory, "operations.journal");
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { MaxQueuedEntries = 2, JournalPath = journal }, log);
        Operate(sink, 5);

        await Poll.UntilAsync(() => sink.Retried >= 4, "several calls answered the same way");
        var (level, message) = Assert.Single(log.Of(ServiceMismatch));
        Assert.Equal(LogLevel.Error, level);
        Assert.Contains(what, message);
        Assert.Contains("logsvc:111", message);
        Assert.Contains("p2psim", message); // what to run instead
        Assert.Contains(journal, message);
        Assert.Empty(log.Of(ServiceDown)); // not an outage: it answered
        Assert.Equal(0, sink.Sent);
        Assert.Equal(5, sink.Pending);
        Assert.Equal(3, sink.Spilled);

        server.Mode = FakeLogServerMode.Normal;
        await Poll.UntilAsync(() => sink.Sent == 5, "every entry sent once the service is P2PSim's");
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (ulong)i), server.Deduplicated().Select(e => e.Sequence));
        Assert.Single(log.Of(ServiceUp));
        Assert.Single(log.Of(ServiceMismatch));
    }

    [Fact]
    public async Task A_different_answer_is_reported_again_and_a_recovery_rearms_the_report()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = FakeLogServerMode.ProgramUnavailable };
        await server.StartAsync();
        var log = new MessageLogger();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options(), log);
        Operate(sink, 1);
        await Poll.UntilAsync(() => sink.Retried >= 2, "PROG_UNAVAIL answered");

        server.Mode = FakeLogServerMode.ProgramMismatch; // the operator started another wrong server
        await Poll.UntilAsync(() => log.Of(ServiceMismatch).Count == 2, "the new answer reported");
        server.Mode = FakeLogServerMode.Normal;
        await Poll.UntilAsync(() => sink.Sent == 1, "the entry sent");

        server.Mode = FakeLogServerMode.ProgramMismatch;
        Operate(sink, 1);
        await Poll.UntilAsync(() => log.Of(ServiceMismatch).Count == 3, "the same answer as before reported again after a recovery");
        Assert.Contains("PROG_UNAVAIL", log.Of(ServiceMismatch)[0].Message);
        Assert.All(log.Of(ServiceMismatch).Skip(1), e => Assert.Contains("PROG_MISMATCH", e.Message));
    }

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

    /// <summary>Keeps the level and rendered message of every log call, by event id.</summary>
    private sealed class MessageLogger : ILogger<RpcLogSink>
    {
        private readonly object _gate = new();
        private readonly List<(int Id, LogLevel Level, string Message)> _events = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Of(int eventId)
        {
            lock (_gate)
            {
                return [.. _events.Where(e => e.Id == eventId).Select(e => (e.Level, e.Message))];
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_gate)
            {
                _events.Add((eventId.Id, logLevel, formatter(state, exception)));
            }
        }
    }
}
