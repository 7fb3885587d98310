using System.Security.Cryptography;

namespace P2PSim.Transport.Tests;

/// <summary>What every <see cref="IDatagramTransport"/> promises, run over UDP and in memory (the subclasses).</summary>
public abstract class DatagramContract
{
    /// <summary>The transport under test.</summary>
    protected abstract IDatagramTransport Datagrams { get; }

    /// <summary>An address to bind with port 0.</summary>
    protected abstract TransportEndPoint AnyPort { get; }

    [Fact]
    public async Task A_datagram_arrives_whole_with_its_sender_and_the_reply_goes_back()
    {
        await using var server = await Datagrams.BindAsync(AnyPort);
        await using var client = await Datagrams.BindAsync(AnyPort);
        Assert.NotEqual(0, server.LocalEndPoint.Port);
        Assert.NotEqual(server.LocalEndPoint, client.LocalEndPoint);

        await client.SendAsync("ping"u8.ToArray(), server.LocalEndPoint);
        var buffer = new byte[IDatagramSocket.MaxDatagramBytes];
        var call = await server.ReceiveAsync(buffer, Deadline.In());
        Assert.NotNull(call);
        Assert.Equal("ping"u8.ToArray(), buffer[..call.Value.Length]);
        Assert.Equal(client.LocalEndPoint, call.Value.RemoteEndPoint);

        await server.SendAsync("pong"u8.ToArray(), call.Value.RemoteEndPoint);
        var reply = await client.ReceiveAsync(buffer, Deadline.In());
        Assert.NotNull(reply);
        Assert.Equal("pong"u8.ToArray(), buffer[..reply.Value.Length]);
        Assert.Equal(server.LocalEndPoint, reply.Value.RemoteEndPoint);
    }

    [Fact]
    public async Task Datagrams_keep_their_boundaries()
    {
        await using var server = await Datagrams.BindAsync(AnyPort);
        await using var client = await Datagrams.BindAsync(AnyPort);
        byte[][] sent = [[1], [2, 2], [3, 3, 3], [.. Enumerable.Repeat((byte)4, 1000)]];
        foreach (var datagram in sent)
        {
            await client.SendAsync(datagram, server.LocalEndPoint);
        }

        var received = new List<byte[]>();
        var buffer = new byte[IDatagramSocket.MaxDatagramBytes];
        for (var i = 0; i < sent.Length; i++)
        {
            var datagram = await server.ReceiveAsync(buffer, Deadline.In());
            Assert.NotNull(datagram);
            received.Add(buffer[..datagram.Value.Length]);
        }

        // Datagrams may be reordered; they are never merged or split.
        Assert.Equal(sent.Select(Convert.ToHexString).Order(), received.Select(Convert.ToHexString).Order());
    }

    [Fact]
    public async Task The_largest_datagram_arrives_whole_and_a_larger_one_is_refused()
    {
        await using var server = await Datagrams.BindAsync(AnyPort);
        await using var client = await Datagrams.BindAsync(AnyPort);
        var largest = RandomNumberGenerator.GetBytes(IDatagramSocket.MaxDatagramBytes);
        await client.SendAsync(largest, server.LocalEndPoint);
        var buffer = new byte[IDatagramSocket.MaxDatagramBytes];
        var received = await server.ReceiveAsync(buffer, Deadline.In());
        Assert.NotNull(received);
        Assert.Equal(largest, buffer[..received.Value.Length]);

        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.SendAsync(new byte[IDatagramSocket.MaxDatagramBytes + 1], server.LocalEndPoint));
    }

    [Fact]
    public async Task A_datagram_longer_than_the_buffer_is_cut_to_it()
    {
        await using var server = await Datagrams.BindAsync(AnyPort);
        await using var client = await Datagrams.BindAsync(AnyPort);
        var datagram = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        await client.SendAsync(datagram, server.LocalEndPoint);
        await client.SendAsync("next"u8.ToArray(), server.LocalEndPoint);

        var small = new byte[10];
        var cut = await server.ReceiveAsync(small, Deadline.In());
        Assert.Equal(10, cut?.Length);
        Assert.Equal(datagram[..10], small);

        // The rest of the cut datagram is gone, not delivered as another one.
        var buffer = new byte[100];
        var next = await server.ReceiveAsync(buffer, Deadline.In());
        Assert.NotNull(next);
        Assert.Equal("next"u8.ToArray(), buffer[..next.Value.Length]);
    }

    [Fact]
    public async Task A_datagram_to_an_unbound_address_vanishes_and_the_socket_keeps_working()
    {
        TransportEndPoint unbound;
        await using (var gone = await Datagrams.BindAsync(AnyPort))
        {
            unbound = gone.LocalEndPoint;
        }

        await using var server = await Datagrams.BindAsync(AnyPort);
        await using var client = await Datagrams.BindAsync(AnyPort);
        await client.SendAsync("lost"u8.ToArray(), unbound);
        await client.SendAsync("lost"u8.ToArray(), unbound);
        await client.SendAsync("ping"u8.ToArray(), server.LocalEndPoint);
        await server.SendAsync("pong"u8.ToArray(), client.LocalEndPoint);

        var buffer = new byte[16];
        var reply = await client.ReceiveAsync(buffer, Deadline.In());
        Assert.NotNull(reply);
        Assert.Equal("pong"u8.ToArray(), buffer[..reply.Value.Length]);
    }

    [Fact]
    public async Task Dispose_makes_a_waiting_receive_and_every_later_one_return_null()
    {
        var socket = await Datagrams.BindAsync(AnyPort);
        var waiting = socket.ReceiveAsync(new byte[16], Deadline.In()).AsTask();
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        await socket.DisposeAsync();
        Assert.Null(await waiting);
        Assert.Null(await socket.ReceiveAsync(new byte[16], Deadline.In()));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await socket.SendAsync(new byte[1], socket.LocalEndPoint));
    }

    [Fact]
    public async Task A_waiting_receive_honours_its_cancellation_token()
    {
        await using var socket = await Datagrams.BindAsync(AnyPort);
        using var cancel = new CancellationTokenSource();
        var waiting = socket.ReceiveAsync(new byte[16], cancel.Token).AsTask();
        await Task.Delay(50);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Binding_a_held_address_is_address_in_use_naming_it()
    {
        await using var held = await Datagrams.BindAsync(AnyPort);
        var e = await Assert.ThrowsAsync<AddressInUseException>(async () => await Datagrams.BindAsync(held.LocalEndPoint));
        Assert.Contains($"UDP {held.LocalEndPoint}", e.Message, StringComparison.Ordinal);
        Messages.AssertPrintable(e);
    }

    [Fact]
    public async Task An_unbound_port_can_be_bound_again()
    {
        TransportEndPoint first;
        await using (var socket = await Datagrams.BindAsync(AnyPort))
        {
            first = socket.LocalEndPoint;
        }

        await using var again = await Datagrams.BindAsync(first);
        Assert.Equal(first, again.LocalEndPoint);
    }

    [Fact]
    public async Task A_receive_needs_room_for_a_byte()
    {
        await using var socket = await Datagrams.BindAsync(AnyPort);
        await Assert.ThrowsAsync<ArgumentException>(async () => await socket.ReceiveAsync(Memory<byte>.Empty));
    }
}
