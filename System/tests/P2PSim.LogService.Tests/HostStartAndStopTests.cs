using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.LogService.Tests;

/// <summary>
/// How the host binds UDP beside TCP (a clash on a fresh port is retried with a fresh pair, a few times; any failure
/// releases the TCP port it took), how it stops the UDP endpoint (socket closed, its loop waited for), and that a
/// given logger is the one the servers use.
/// </summary>
public sealed class HostStartAndStopTests
{
    private readonly InMemoryNetwork _network = new();

    [Fact]
    public async Task A_udp_clash_on_a_fresh_port_is_retried_with_a_fresh_pair()
    {
        var transport = _network.CreateTransport("log");
        var udp = new ScriptedDatagramTransport(attempt => attempt <= 2 ? new AddressInUseException("taken") : null);

        await using (var server = await LogServerHost.StartAsync(transport, udp, new TransportEndPoint("log", 0), new MemoryLogStore()))
        {
            Assert.Equal(3, udp.Binds.Count);
            Assert.Equal(server.EndPoint, udp.Binds[^1]);
            Assert.Equal(server.EndPoint, server.Server.UdpEndPoint);

            // The TCP ports of the failed attempts were given back.
            foreach (var released in udp.Binds.Take(2))
            {
                await using var again = await transport.BindAsync(released);
            }

            udp.Socket!.Release();
        }
    }

    [Fact]
    public async Task A_udp_port_that_stays_taken_fails_the_start_after_five_attempts()
    {
        var transport = _network.CreateTransport("log");

        // Past 20 attempts the script fails differently, so a retry loop that never stops fails the test instead of hanging it.
        var udp = new ScriptedDatagramTransport(attempt =>
            attempt <= 20 ? new AddressInUseException("taken") : new InvalidOperationException("retried without end"));

        await Assert.ThrowsAsync<AddressInUseException>(() =>
            LogServerHost.StartAsync(transport, udp, new TransportEndPoint("log", 0), new MemoryLogStore()));
        Assert.Equal(5, udp.Binds.Count);
    }

    [Fact]
    public async Task A_failed_udp_bind_on_a_fixed_port_gives_the_tcp_port_back()
    {
        var transport = _network.CreateTransport("log");
        var datagrams = _network.CreateDatagramTransport();
        var fixedPort = new TransportEndPoint("log", 5000);
        await using (var blocker = await datagrams.BindAsync(fixedPort))
        {
            await Assert.ThrowsAsync<AddressInUseException>(() =>
                LogServerHost.StartAsync(transport, datagrams, fixedPort, new MemoryLogStore()));
        }

        await using var server = await LogServerHost.StartAsync(transport, datagrams, fixedPort, new MemoryLogStore());
        Assert.Equal(fixedPort, server.EndPoint);
    }

    [Fact]
    public async Task Stopping_closes_the_udp_socket_and_waits_for_its_receive_loop()
    {
        var transport = _network.CreateTransport("log");
        var udp = new ScriptedDatagramTransport(_ => null);
        var server = await LogServerHost.StartAsync(transport, udp, new TransportEndPoint("log", 0), new MemoryLogStore());

        var stop = server.DisposeAsync().AsTask();
        await Poll.UntilAsync(() => udp.Socket!.Disposed, "the UDP socket closed");
        await Task.Delay(100);
        Assert.False(stop.IsCompleted, "the stop returned while the receive loop was still running");

        udp.Socket!.Release();
        await stop.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_given_logger_hears_both_servers()
    {
        var network = TestNetwork.Create(TransportKind.InMemory);
        var (transport, endPoint) = network.Server("log");
        var logger = new CapturingLogger();

        await using (var server = await LogServerHost.StartAsync(transport, network.Datagrams, endPoint, new MemoryLogStore(), logger: logger))
        {
            // 5001 listening on TCP, 5007 on UDP: both servers log to it.
            await Poll.UntilAsync(() => logger.Events.Contains(5001) && logger.Events.Contains(5007), "both servers logged");
        }
    }
}
