using System.Text;
using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.Rpc;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// What the sink sends and how it is configured: options out of range are refused at construction, fields over their
/// XDR bound are cut at a character boundary (never splitting a UTF-8 sequence or a surrogate pair), a missing
/// timestamp comes from the sink's clock, and batches never exceed the configured size.
/// </summary>
public sealed class SinkOptionsAndFieldsTests
{
    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();

    [Fact]
    public void Options_out_of_range_are_refused()
    {
        var transport = _network.CreateTransport();
        var options = new RpcLogSinkOptions(LogEndPoint, "dir-1");
        Assert.Equal("transport", Assert.Throws<ArgumentNullException>(() => new RpcLogSink(null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new RpcLogSink(transport, null!)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RpcLogSink(transport, options with { MaxQueuedEntries = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RpcLogSink(transport, options with { BatchSize = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RpcLogSink(transport, options with { BatchSize = LogProgram.MaxBatchEntries + 1 }));
    }

    [Fact]
    public async Task A_null_record_is_refused()
    {
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options());
        Assert.Equal("record", Assert.Throws<ArgumentNullException>(() => sink.OnOperation(null!)).ParamName);
    }

    [Fact]
    public async Task Fields_over_their_bound_are_cut_at_a_character_boundary()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        var sender = new string('s', LogProgram.MaxSenderBytes + 10);
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options(sender));

        var user = string.Concat(Enumerable.Repeat("é", 200)); // 400 bytes; the bound is 256
        var file = "x" + string.Concat(Enumerable.Repeat("😀", 100)); // 401 bytes, four per surrogate pair
        var timestamp = "24/11/2026 21:00:00" + new string('!', 40);
        sink.OnOperation(new OperationRecord(Operation.Publish, user, file, timestamp, 0, "10.0.0.1"));
        sink.OnOperation(new OperationRecord(Operation.Publish, "bob", "exactly.bin", "24/11/2026 21:00:00", 0, "10.0.0.1"));
        var pairPastTheBound = new string('a', 257) + "😀"; // the cut falls before the pair, whose high half is not the last kept
        sink.OnOperation(new OperationRecord(Operation.Connect, pairPastTheBound, null, "24/11/2026 21:00:00", 0, "10.0.0.1"));

        await Poll.UntilAsync(() => sink.Sent == 3, "3 entries sent");
        Assert.Equal(new string('a', 256), server.Received()[2].User);
        var entry = server.Received()[0];
        Assert.Equal(user[..128], entry.User);
        Assert.Equal(file[..127], entry.FileName); // "x" + 63 pairs = 253 bytes: a 64th pair would make 257
        Assert.Equal(timestamp[..LogProgram.MaxTimestampBytes], entry.Timestamp);
        Assert.Equal(sender[..LogProgram.MaxSenderBytes], entry.Sender);
        Assert.All(new[] { entry.User, entry.FileName }, s => Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s))));
        var untouched = server.Received()[1];
        Assert.Equal(("bob", "exactly.bin", "24/11/2026 21:00:00"), (untouched.User, untouched.FileName, untouched.Timestamp));
    }

    [Fact]
    public async Task A_record_without_a_timestamp_is_stamped_by_the_sink_clock()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        var now = new DateTimeOffset(2026, 11, 24, 21, 11, 27, TimeSpan.Zero);
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { TimeProvider = new FixedClock(now) });

        sink.OnOperation(new OperationRecord(Operation.Connect, "alice", null, null, 0, "10.0.0.1"));

        await Poll.UntilAsync(() => sink.Sent == 1, "1 entry sent");
        Assert.Equal("24/11/2026 21:11:27", server.Received()[0].Timestamp);
    }

    [Fact]
    public async Task Batches_hold_at_most_the_batch_size_and_fill_up_to_it()
    {
        // Queued while the service is down, so the sender finds more than a batch waiting when it comes up.
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { BatchSize = 16 });
        for (var i = 0; i < 100; i++)
        {
            sink.OnOperation(new OperationRecord(Operation.Connect, "user" + i, null, "24/11/2026 21:00:00", 0, "10.0.0.1"));
        }

        await Poll.UntilAsync(() => sink.Retried > 0, "a refused call");
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();

        await Poll.UntilAsync(() => sink.Sent == 100, "100 entries sent");
        var sizes = server.BatchSizes();
        Assert.All(sizes, size => Assert.InRange(size, 1, 16));
        Assert.Contains(16, sizes);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (ulong)i), server.Deduplicated().Select(e => e.Sequence));
    }

    private static RpcLogSinkOptions Options(string sender = "dir-1") => new(LogEndPoint, sender)
    {
        MinRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(40),
        CallTimeout = TimeSpan.FromSeconds(2),
        FlushTimeout = TimeSpan.FromSeconds(5),
    };

    /// <summary>A clock stopped at one instant in UTC; timers and delays still run on the system's.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
