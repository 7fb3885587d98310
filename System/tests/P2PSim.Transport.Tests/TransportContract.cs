using System.Security.Cryptography;

namespace P2PSim.Transport.Tests;

/// <summary>
/// What every <see cref="ITransport"/> promises, run over each one (the subclasses): server and peer code rely on
/// exactly this and nothing more, so the in-memory transports must behave as TCP does here.
/// </summary>
public abstract class TransportContract
{
    /// <summary>The transport servers bind on.</summary>
    protected abstract ITransport Server { get; }

    /// <summary>The transport clients connect from (the same network as <see cref="Server"/>).</summary>
    protected abstract ITransport Client { get; }

    /// <summary>An address to bind with port 0.</summary>
    protected abstract TransportEndPoint AnyPort { get; }

    [Fact]
    public async Task Port_0_binds_a_real_port_and_clients_reach_it()
    {
        await using var listener = await Server.BindAsync(AnyPort);
        Assert.NotEqual(0, listener.LocalEndPoint.Port);
        Assert.Equal(AnyPort.Host, listener.LocalEndPoint.Host);

        var accepting = listener.AcceptAsync(Deadline.In());
        await using var client = await Client.ConnectAsync(listener.LocalEndPoint, Deadline.In());
        await using var server = await accepting;
        Assert.NotNull(server);

        Assert.Equal(listener.LocalEndPoint, client.RemoteEndPoint);
        Assert.Equal(client.LocalEndPoint, server.RemoteEndPoint);
        Assert.Equal(server.LocalEndPoint.Port, listener.LocalEndPoint.Port);
        Assert.NotEqual(client.Id, server.Id);
    }

    [Fact]
    public async Task A_connection_made_before_accept_waits_in_the_backlog()
    {
        await using var listener = await Server.BindAsync(AnyPort);
        await using var client = await Client.ConnectAsync(listener.LocalEndPoint, Deadline.In());
        await client.Stream.WriteAsync("early"u8.ToArray(), Deadline.In());

        await using var server = await listener.AcceptAsync(Deadline.In());
        Assert.NotNull(server);
        Assert.Equal("early"u8.ToArray(), await server.Stream.ReadBytesAsync(5, Deadline.In()));
    }

    [Fact]
    public async Task Bytes_cross_both_ways_intact_with_both_sides_writing_at_once()
    {
        var (listener, client, server) = await ConnectedPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            // More than any buffer in between, written by both sides together: back-pressure must not deadlock.
            var up = RandomNumberGenerator.GetBytes(1024 * 1024);
            var down = RandomNumberGenerator.GetBytes(1024 * 1024);
            var clientWrites = WriteAndHalfCloseAsync(client, up);
            var serverWrites = WriteAndHalfCloseAsync(server, down);
            var serverReads = server.Stream.ReadToEndAsync(Deadline.In(30));
            var clientReads = client.Stream.ReadToEndAsync(Deadline.In(30));
            await Task.WhenAll(new[] { clientWrites, serverWrites });

            Assert.Equal(up, await serverReads);
            Assert.Equal(down, await clientReads);
        }
    }

    [Fact]
    public async Task Half_close_ends_the_peers_reads_but_not_its_writes()
    {
        var (listener, client, server) = await ConnectedPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            await client.Stream.WriteAsync("request"u8.ToArray(), Deadline.In());
            client.ShutdownOutput();

            Assert.Equal("request"u8.ToArray(), await server.Stream.ReadToEndAsync(Deadline.In()));
            await server.Stream.WriteAsync("reply"u8.ToArray(), Deadline.In());
            await server.DisposeAsync();

            Assert.Equal("reply"u8.ToArray(), await client.Stream.ReadToEndAsync(Deadline.In()));
        }
    }

    [Fact]
    public async Task Dispose_closes_gracefully_and_the_peer_reads_what_was_sent_then_the_end()
    {
        var (listener, client, server) = await ConnectedPairAsync();
        await using (listener)
        await using (client)
        {
            await server.Stream.WriteAsync("last words"u8.ToArray(), Deadline.In());
            await server.DisposeAsync();

            Assert.Equal("last words"u8.ToArray(), await client.Stream.ReadToEndAsync(Deadline.In()));
        }
    }

    [Fact]
    public async Task Abort_is_seen_by_the_peer_as_a_reset_not_an_end_of_stream()
    {
        var (listener, client, server) = await ConnectedPairAsync();
        await using (listener)
        await using (client)
        {
            server.Abort();
            await server.DisposeAsync();

            await Assert.ThrowsAnyAsync<IOException>(async () => await client.Stream.ReadToEndAsync(Deadline.In()));
        }
    }

    [Fact]
    public async Task A_pending_read_honours_its_cancellation_token()
    {
        var (listener, client, server) = await ConnectedPairAsync();
        await using (listener)
        await using (client)
        await using (server)
        {
            using var cancel = new CancellationTokenSource();
            var read = server.Stream.ReadAsync(new byte[16], cancel.Token).AsTask();
            await Task.Delay(50);
            Assert.False(read.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
        }
    }

    [Fact]
    public async Task Unbinding_makes_a_waiting_accept_and_every_later_one_return_null()
    {
        var listener = await Server.BindAsync(AnyPort);
        var waiting = listener.AcceptAsync(Deadline.In()).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await listener.DisposeAsync();
        Assert.Null(await waiting);
        Assert.Null(await listener.AcceptAsync(Deadline.In()));
    }

    [Fact]
    public async Task A_waiting_accept_honours_its_cancellation_token()
    {
        await using var listener = await Server.BindAsync(AnyPort);
        using var cancel = new CancellationTokenSource();
        var waiting = listener.AcceptAsync(cancel.Token).AsTask();
        await Task.Delay(50);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Connecting_where_nothing_listens_is_refused_with_the_address_in_the_message()
    {
        TransportEndPoint unbound;
        await using (var listener = await Server.BindAsync(AnyPort))
        {
            unbound = listener.LocalEndPoint;
        }

        var refused = await Assert.ThrowsAsync<ConnectionRefusedException>(async () => await Client.ConnectAsync(unbound, Deadline.In()));
        Assert.Contains(unbound.ToString(), refused.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(refused);
    }

    [Fact]
    public async Task Connecting_with_a_cancelled_token_throws_operation_cancelled()
    {
        await using var listener = await Server.BindAsync(AnyPort);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await Client.ConnectAsync(listener.LocalEndPoint, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task Binding_a_held_address_is_address_in_use_naming_it()
    {
        await using var listener = await Server.BindAsync(AnyPort);
        var inUse = await Assert.ThrowsAsync<AddressInUseException>(async () => await Server.BindAsync(listener.LocalEndPoint));
        Assert.Contains(listener.LocalEndPoint.ToString(), inUse.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(inUse);
    }

    [Fact]
    public async Task An_unbound_port_can_be_bound_again()
    {
        TransportEndPoint first;
        await using (var listener = await Server.BindAsync(AnyPort))
        {
            first = listener.LocalEndPoint;
        }

        await using var again = await Server.BindAsync(first);
        Assert.Equal(first, again.LocalEndPoint);
    }

    private async Task<(IConnectionListener Listener, IConnection Client, IConnection Server)> ConnectedPairAsync()
    {
        var listener = await Server.BindAsync(AnyPort);
        var accepting = listener.AcceptAsync(Deadline.In());
        var client = await Client.ConnectAsync(listener.LocalEndPoint, Deadline.In());
        var server = await accepting ?? throw new InvalidOperationException("The listener closed before accepting.");
        return (listener, client, server);
    }

    private static async Task WriteAndHalfCloseAsync(IConnection connection, byte[] bytes)
    {
        for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
        {
            await connection.Stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)), Deadline.In(30));
        }

        connection.ShutdownOutput();
    }
}
