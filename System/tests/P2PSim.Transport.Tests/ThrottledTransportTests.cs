using System.Diagnostics;
using P2PSim.Transport.InMemory;
using P2PSim.Transport.Throttling;

namespace P2PSim.Transport.Tests;

/// <summary>
/// The cap holds in each direction. Only lower bounds are checked: a busy machine can make a
/// transfer slower than the cap, never faster.
/// </summary>
public sealed class ThrottledTransportTests
{
    private const long Cap = 40 * 1024;
    private const int Size = 20 * 1024;

    // Size / Cap is 0.5 s; the pacer lends 50 ms of credit up front.
    private static readonly TimeSpan AtLeast = TimeSpan.FromMilliseconds(400);

    [Fact]
    public async Task Writes_are_capped()
    {
        var network = new InMemoryNetwork();
        var (client, server) = await ConnectAsync(new ThrottledTransport(network.CreateTransport(), Cap), network.CreateTransport());
        await using (client)
        await using (server)
        {
            var bytes = Enumerable.Range(0, Size).Select(i => (byte)i).ToArray();
            var watch = Stopwatch.StartNew();
            await client.Stream.WriteAsync(bytes, Deadline.In());
            client.ShutdownOutput();
            Assert.Equal(bytes, await server.Stream.ReadToEndAsync(Deadline.In()));
            Assert.True(watch.Elapsed >= AtLeast, $"{Size} bytes at {Cap} B/s took only {watch.Elapsed}");
        }
    }

    [Fact]
    public async Task Reads_are_capped()
    {
        var network = new InMemoryNetwork();
        var (client, server) = await ConnectAsync(network.CreateTransport(), new ThrottledTransport(network.CreateTransport(), Cap));
        await using (client)
        await using (server)
        {
            var bytes = Enumerable.Range(0, Size).Select(i => (byte)(i * 7)).ToArray();
            await client.Stream.WriteAsync(bytes, Deadline.In());
            client.ShutdownOutput();
            var watch = Stopwatch.StartNew();
            Assert.Equal(bytes, await server.Stream.ReadToEndAsync(Deadline.In()));
            Assert.True(watch.Elapsed >= AtLeast, $"{Size} bytes at {Cap} B/s were read in only {watch.Elapsed}");
        }
    }

    [Fact]
    public void The_cap_must_be_positive()
    {
        var inner = new InMemoryNetwork().CreateTransport();
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThrottledTransport(inner, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ThrottledTransport(inner, -1));
        Assert.Equal(Cap, new ThrottledTransport(inner, Cap).BytesPerSecond);
    }

    [Fact]
    public async Task Bind_and_connect_failures_pass_through_unchanged()
    {
        var throttled = new ThrottledTransport(new InMemoryNetwork().CreateTransport(), Cap);
        await using var listener = await throttled.BindAsync(new TransportEndPoint("server", 0));
        await Assert.ThrowsAsync<AddressInUseException>(async () => await throttled.BindAsync(listener.LocalEndPoint));
        await Assert.ThrowsAsync<ConnectionRefusedException>(async () =>
            await throttled.ConnectAsync(listener.LocalEndPoint with { Host = "elsewhere" }));
    }

    private static async Task<(IConnection Client, IConnection Server)> ConnectAsync(ITransport clientSide, ITransport serverSide)
    {
        await using var listener = await serverSide.BindAsync(new TransportEndPoint("server", 0));
        var accepting = listener.AcceptAsync(Deadline.In());
        var client = await clientSide.ConnectAsync(listener.LocalEndPoint, Deadline.In());
        return (client, await accepting ?? throw new InvalidOperationException("The listener closed before accepting."));
    }
}
