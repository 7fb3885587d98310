using P2PSim.Transport.InMemory;

namespace P2PSim.Transport.Tests;

/// <summary>What only the in-memory network has: its bounds and its port numbering.</summary>
public sealed class InMemoryNetworkTests
{
    [Fact]
    public async Task A_full_datagram_queue_drops_what_arrives_as_a_full_udp_buffer_does()
    {
        var datagrams = new InMemoryNetwork { DatagramQueueLimit = 2 }.CreateDatagramTransport();
        await using var server = await datagrams.BindAsync(new TransportEndPoint("server", 0));
        await using var client = await datagrams.BindAsync(new TransportEndPoint("client", 0));
        foreach (var b in new byte[] { 1, 2, 3 })
        {
            await client.SendAsync(new[] { b }, server.LocalEndPoint);
        }

        var buffer = new byte[1];
        Assert.NotNull(await server.ReceiveAsync(buffer, Deadline.In()));
        Assert.Equal(1, buffer[0]);
        Assert.NotNull(await server.ReceiveAsync(buffer, Deadline.In()));
        Assert.Equal(2, buffer[0]);
        using var brief = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await server.ReceiveAsync(buffer, brief.Token));
    }

    [Fact]
    public async Task Stream_and_datagram_ports_are_separate_spaces()
    {
        var network = new InMemoryNetwork();
        await using var listener = await network.CreateTransport().BindAsync(new TransportEndPoint("logd", 0));
        await using var socket = await network.CreateDatagramTransport().BindAsync(listener.LocalEndPoint);
        Assert.Equal(listener.LocalEndPoint, socket.LocalEndPoint);
    }

    [Fact]
    public async Task A_datagram_reaches_only_the_exact_address_bound()
    {
        var datagrams = new InMemoryNetwork().CreateDatagramTransport();
        await using var server = await datagrams.BindAsync(new TransportEndPoint("0.0.0.0", 0));
        await using var client = await datagrams.BindAsync(new TransportEndPoint("client", 0));
        await client.SendAsync(new byte[1], server.LocalEndPoint with { Host = "127.0.0.1" });
        using var brief = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await server.ReceiveAsync(new byte[1], brief.Token));
    }

    [Fact]
    public void Ports_wrap_round_after_65535_as_an_ephemeral_range_does()
    {
        var ports = new PortCounter(65534);
        Assert.Equal([65534, 65535, 65534, 65535], [ports.Next(), ports.Next(), ports.Next(), ports.Next()]);
    }

    [Fact]
    public void A_free_port_skips_taken_ones_and_fails_clearly_when_all_are_taken()
    {
        var ports = new PortCounter(65533);
        Assert.Equal(65535, ports.NextFree(port => port < 65535, "server"));
        var e = Assert.Throws<AddressInUseException>(() => ports.NextFree(_ => true, "server"));
        Assert.Equal("Every port from 65533 to 65535 on server is in use; close some listeners.", e.Message);
    }
}
