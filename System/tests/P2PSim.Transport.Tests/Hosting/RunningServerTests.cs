using System.Collections.Concurrent;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.InMemory;

namespace P2PSim.Transport.Tests.Hosting;

/// <summary>
/// The one host of every server: bind, run, and on dispose stop accepting, stop what runs alongside, drain, and only
/// then unbind; once, however many callers dispose it and however they overlap.
/// </summary>
public sealed class RunningServerTests
{
    [Fact]
    public async Task Dispose_stops_accepting_then_the_endpoints_alongside_then_drains_then_unbinds()
    {
        var recorder = new ConcurrentQueue<string>();
        var listener = new RecordingListener(recorder);
        var server = new DrainingServer(recorder);
        var running = RunningServer<DrainingServer>.Start(listener, server, new AlongsideEndpoint(recorder));

        var disposing = running.DisposeAsync().AsTask();
        await server.Draining;
        Assert.Equal(0, listener.Disposals); // still bound while the connections drain
        Assert.False(disposing.IsCompleted);
        server.FinishDrain();
        await disposing;

        Assert.Equal(["stop accepting", "alongside stopped", "drained", "unbind"], recorder);
        Assert.True(running.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Disposing_twice_or_at_once_stops_once_and_every_caller_waits_for_it()
    {
        var recorder = new ConcurrentQueue<string>();
        var listener = new RecordingListener(recorder);
        var server = new DrainingServer(recorder);
        var running = RunningServer<DrainingServer>.Start(listener, server);

        var first = running.DisposeAsync().AsTask();
        var second = running.DisposeAsync().AsTask();
        await server.Draining;
        Assert.False(second.IsCompleted); // the second caller waits for the one stop under way
        server.FinishDrain();
        await Task.WhenAll(new[] { first, second });
        await running.DisposeAsync();

        Assert.Equal(1, listener.Disposals);
        Assert.Equal(1, server.Runs);
    }

    [Fact]
    public async Task Start_binds_the_endpoint_and_reports_the_address_it_got()
    {
        var transport = new InMemoryNetwork().CreateTransport();
        var recorder = new ConcurrentQueue<string>();
        var server = new DrainingServer(recorder);
        server.FinishDrain();

        var running = await RunningServer<DrainingServer>.StartAsync(transport, new TransportEndPoint("127.0.0.1", 7000), server);
        try
        {
            Assert.Equal(new TransportEndPoint("127.0.0.1", 7000), running.EndPoint);
            Assert.Same(server, running.Server);
            await Assert.ThrowsAsync<AddressInUseException>(async () => await transport.BindAsync(new TransportEndPoint("127.0.0.1", 7000)));
        }
        finally
        {
            await running.DisposeAsync();
        }

        await using var again = await transport.BindAsync(new TransportEndPoint("127.0.0.1", 7000)); // unbound on dispose
    }
}
