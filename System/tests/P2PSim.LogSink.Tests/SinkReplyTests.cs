using P2PSim.DirectoryServer;
using P2PSim.Protocol;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogSink.Tests;

/// <summary>
/// How the sink judges the log service's replies: only a SUCCESS under the call's own xid, carrying exactly the
/// accepted count, acknowledges a batch; anything else (another xid, SYSTEM_ERR, trailing bytes, a closed
/// connection, no reply within the call timeout) leaves the batch queued and is retried. One connection carries
/// every batch while the service answers.
/// </summary>
public sealed class SinkReplyTests
{
    private static readonly TransportEndPoint LogEndPoint = new("logsvc", 111);

    private readonly InMemoryNetwork _network = new();

    [Theory]
    [InlineData(nameof(FakeLogServerMode.WrongXid))]
    [InlineData(nameof(FakeLogServerMode.SystemError))]
    [InlineData(nameof(FakeLogServerMode.TrailingBytes))]
    public async Task A_reply_that_is_not_a_clean_success_is_retried_until_one_is(string mode)
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = Enum.Parse<FakeLogServerMode>(mode) };
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options());
        Operate(sink, 5);

        await Poll.UntilAsync(() => sink.Retried >= 2, "the bad replies retried");
        Assert.Equal(0, sink.Sent);
        Assert.Equal(5, sink.Pending);

        server.Mode = FakeLogServerMode.Normal;
        await Poll.UntilAsync(() => sink.Sent == 5, "5 entries sent once the replies are good");
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (ulong)i), server.Deduplicated().Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_connection_closed_without_a_reply_is_retried_at_once_not_after_the_call_timeout()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = FakeLogServerMode.Close };
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { CallTimeout = TimeSpan.FromMinutes(5) });
        Operate(sink, 3);

        await Poll.UntilAsync(() => sink.Retried >= 2, "closed connections retried");
        Assert.Equal(0, sink.Sent);
        server.Mode = FakeLogServerMode.Normal;
        await Poll.UntilAsync(() => sink.Sent == 3, "3 entries sent");
    }

    [Fact]
    public async Task A_call_without_a_reply_times_out_and_is_not_taken_as_delivered()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = FakeLogServerMode.Stall };
        await server.StartAsync();
        await using var sink = new RpcLogSink(
            _network.CreateTransport(),
            Options() with { CallTimeout = TimeSpan.FromMilliseconds(50), FlushTimeout = TimeSpan.FromMilliseconds(50) });
        Operate(sink, 3);

        await Poll.UntilAsync(() => sink.Retried >= 2, "timed-out calls retried");
        Assert.Equal(0, sink.Sent);
        Assert.Equal(3, sink.Pending);
    }

    [Fact]
    public async Task A_reply_behind_the_largest_verifier_is_read()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint) { Mode = FakeLogServerMode.LargeVerifier };
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { BatchSize = 1 });
        Operate(sink, 3);

        await Poll.UntilAsync(() => sink.Sent == 3, "3 entries sent");
        Assert.Equal(0, sink.Retried);
    }

    [Fact]
    public async Task Every_batch_goes_over_one_connection_while_the_service_answers()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { BatchSize = 2 });
        Operate(sink, 20);

        await Poll.UntilAsync(() => sink.Sent == 20, "20 entries sent");
        Assert.True(server.BatchSizes().Count >= 10, "batches of at most 2");
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Without_a_call_timeout_a_call_waits_for_its_reply()
    {
        await using var server = new FakeLogServer(_network.CreateTransport(), LogEndPoint);
        await server.StartAsync();
        await using var sink = new RpcLogSink(_network.CreateTransport(), Options() with { CallTimeout = Timeout.InfiniteTimeSpan });
        Operate(sink, 50);

        await Poll.UntilAsync(() => sink.Sent == 50, "50 entries sent");
        Assert.Equal(0, sink.Retried);
    }

    private static RpcLogSinkOptions Options() => new(LogEndPoint, "dir-1")
    {
        MinRetryDelay = TimeSpan.FromMilliseconds(5),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        CallTimeout = TimeSpan.FromSeconds(2),
        FlushTimeout = TimeSpan.FromSeconds(2),
    };

    private static void Operate(RpcLogSink sink, int count)
    {
        for (var i = 0; i < count; i++)
        {
            sink.OnOperation(new OperationRecord(Operation.Connect, "user" + i, null, "24/11/2026 21:00:00", 0, "10.0.0.1"));
        }
    }
}
