using System.Text;
using Microsoft.Extensions.Time.Testing;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.DirectoryServer.Tests;

/// <summary>Hostile or broken clients get an error or a timeout and are disconnected; everyone else is still served.</summary>
public sealed class RobustnessTests
{
    public static TheoryData<TransportKind> Transports => TestNetwork.Kinds;

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Unknown_operation_gets_minus_one_and_the_server_keeps_serving(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);

        Assert.Equal("-1\0"u8.ToArray(), await client.SendBytesAsync("FROBNICATE\0x\0"u8.ToArray()));
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "alice"))).Code);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Over_long_field_is_refused_before_its_terminator(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);

        // 300 bytes of name and no terminator: the server must answer without waiting for one.
        var reply = await client.SendBytesAsync(Encoding.ASCII.GetBytes("REGISTER\0" + new string('a', 300)));

        Assert.Equal("2\0"u8.ToArray(), reply);
        Assert.Empty(server.Registry.Snapshot());
    }

    [Fact]
    public async Task Field_limits_are_configurable()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var options = new DirectoryServerOptions { Limits = FieldLimits.Classic with { UserName = 8 } };
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);
        var client = new RawClassicClient(transport, server.EndPoint);

        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "12345678"))).Code);
        Assert.Equal(2, (await client.SendAsync(new RegisterRequest(null, "123456789"))).Code);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Request_sent_one_byte_per_write_is_served(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);
        var bytes = "REGISTER\024/11/2026 20:15:00\0alice\0"u8.ToArray();

        var reply = await client.SendBytesAsync([.. bytes.Select(b => new[] { b })]);

        Assert.Equal("0\0"u8.ToArray(), reply);
    }

    [Fact]
    public async Task Newline_terminated_fields_are_accepted()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        var client = new RawClassicClient(transport, server.EndPoint);

        Assert.Equal("0\0"u8.ToArray(), await client.SendBytesAsync("REGISTER\nalice\n"u8.ToArray()));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Silent_and_trickling_clients_time_out_while_others_are_served(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        var options = new DirectoryServerOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) };
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);
        var client = new RawClassicClient(transport, server.EndPoint);

        await using var silent = await transport.ConnectAsync(server.EndPoint);
        await using var trickling = await transport.ConnectAsync(server.EndPoint);
        await trickling.Stream.WriteAsync("REGIS"u8.ToArray());

        // Served while the two slow clients hold their connections.
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "alice"))).Code);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Assert.Empty(await RawClassicClient.ReadToEndAsync(silent.Stream, deadline.Token));
        Assert.Empty(await RawClassicClient.ReadToEndAsync(trickling.Stream, deadline.Token));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Client_that_connects_and_leaves_does_no_harm(TransportKind kind)
    {
        var transport = TestNetwork.Create(kind).Transport;
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0));
        for (var i = 0; i < 20; i++)
        {
            var connection = await transport.ConnectAsync(server.EndPoint);
            if (i % 2 == 0)
            {
                connection.Abort();
            }

            await connection.DisposeAsync();
        }

        var client = new RawClassicClient(transport, server.EndPoint);
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "alice"))).Code);
    }

    [Fact]
    public async Task Random_garbage_never_hurts_the_server()
    {
        // Garbage that happens to look like the start of a request waits for the rest until the request timeout.
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var options = new DirectoryServerOptions { RequestTimeout = TimeSpan.FromMilliseconds(200) };
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);
        var client = new RawClassicClient(transport, server.EndPoint);
        var random = new Random(20261124);
        for (var i = 0; i < 300; i++)
        {
            var garbage = new byte[random.Next(1, 2000)];
            random.NextBytes(garbage);
            var reply = await client.SendBytesAsync(garbage);
            Assert.True(reply.Length <= 3, $"unexpected reply of {reply.Length} bytes to garbage");
        }

        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "still-served"))).Code);
    }

    [Fact]
    public async Task Connections_past_the_limit_are_closed_and_the_server_recovers()
    {
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var options = new DirectoryServerOptions { MaxConnections = 2 };
        await using var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);
        await using var first = await transport.ConnectAsync(server.EndPoint);
        await using var second = await transport.ConnectAsync(server.EndPoint);
        await Poll.UntilAsync(() => server.Server.ActiveSessions == 2, "both connections in a session");

        var client = new RawClassicClient(transport, server.EndPoint);
        var refused = await Record.ExceptionAsync(() => client.SendAsync(new RegisterRequest(null, "over")));
        Assert.True(refused is IOException or ProtocolException, $"expected a refused connection, got {refused?.GetType().Name ?? "a reply"}");
        Assert.DoesNotContain(server.Registry.Snapshot(), u => u.Name == "over");

        first.Abort();
        second.Abort();
        await Poll.UntilAsync(() => server.Server.ActiveSessions == 0, "both sessions ended");
        Assert.Equal(0, (await client.SendAsync(new RegisterRequest(null, "after"))).Code);
    }

    [Fact]
    public async Task Stopping_waits_the_drain_timeout_on_the_server_clock_then_cuts_what_still_runs()
    {
        var clock = new FakeTimeProvider();
        var transport = TestNetwork.Create(TransportKind.InMemory).Transport;
        var options = new DirectoryServerOptions
        {
            TimeProvider = clock,
            RequestTimeout = Timeout.InfiniteTimeSpan,
            DrainTimeout = TimeSpan.FromHours(1),
        };
        var server = await DirectoryServerHost.StartAsync(transport, new TransportEndPoint("127.0.0.1", 0), options);

        // A client that starts a request and never finishes it: its session is still running when the server stops.
        await using var slow = await transport.ConnectAsync(server.EndPoint);
        await slow.Stream.WriteAsync("REGISTER\0"u8.ToArray());
        for (var waited = 0; server.Server.ActiveSessions == 0; waited += 5)
        {
            Assert.True(waited < 10_000, "the server never started serving the connection");
            await Task.Delay(5);
        }

        // The server's clock moves a minute at a time, the wall clock 20 ms. Stopping must end once, and only once,
        // the hour has passed on the server's clock: some minutes late is fine (the grace timer starts a moment after
        // the stop does, later on a busy machine), but not before the hour, and long before an hour of wall time.
        var stop = server.DisposeAsync().AsTask();
        var minutes = 0;
        while (!stop.IsCompleted && minutes < 600)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            minutes++;
            await Task.WhenAny(stop, Task.Delay(20));
        }

        Assert.True(stop.IsCompleted, "the server did not stop within ten hours of its own clock");
        Assert.True(minutes >= 60, $"the server stopped after {minutes} minutes of its drain timeout of an hour");
        Assert.Equal(0, server.Server.ActiveSessions);
    }
}
