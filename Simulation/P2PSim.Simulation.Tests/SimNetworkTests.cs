using System.Text;
using P2PSim.Simulation.Network;
using P2PSim.Simulation.Runtime;
using P2PSim.Transport;

namespace P2PSim.Simulation.Tests;

/// <summary>The simulated network's promises: latency, order, partitions, crashes, seeded faults.</summary>
public sealed class SimNetworkTests
{
    private static readonly TransportEndPoint Server = new("server", 80);

    [Fact]
    public void BytesArriveInOrderAfterTheLinkLatency()
    {
        var (clock, network) = Create(new SimNetworkOptions { MinLatency = TimeSpan.FromMilliseconds(30), MaxLatency = TimeSpan.FromMilliseconds(30), MaxJitter = TimeSpan.Zero });
        var (text, at) = SimPump.Run(clock, async () =>
        {
            await using var listener = await network.Host("server").BindAsync(Server);
            await using var client = await network.Host("client").ConnectAsync(Server);
            await using var server = (await listener.AcceptAsync())!;
            var sentAt = clock.Elapsed;
            await client.Stream.WriteAsync("hello "u8.ToArray());
            await client.Stream.WriteAsync("world"u8.ToArray());
            client.ShutdownOutput();
            var received = await ReadToEndAsync(server.Stream);
            return (received, clock.Elapsed - sentAt);
        });
        Assert.Equal("hello world", text);
        Assert.Equal(TimeSpan.FromMilliseconds(30), at);
    }

    [Fact]
    public void APartitionHoldsBytesAndConnectsUntilTheHeal()
    {
        var (clock, network) = Create();
        var (text, healedAt, connectedAt) = SimPump.Run(clock, async () =>
        {
            await using var listener = await network.Host("server").BindAsync(Server);
            await using var client = await network.Host("client").ConnectAsync(Server);
            await using var server = (await listener.AcceptAsync())!;
            network.Partition(["client"], ["server"]);
            await client.Stream.WriteAsync("held"u8.ToArray());
            client.ShutdownOutput();
            var connecting = network.Host("client").ConnectAsync(Server).AsTask();
            await Task.Delay(TimeSpan.FromSeconds(30), clock);
            Assert.False(connecting.IsCompleted);
            network.HealAll();
            var healed = clock.Elapsed;
            var received = await ReadToEndAsync(server.Stream);
            await using var late = await connecting;
            return (received, healed, clock.Elapsed);
        });
        Assert.Equal("held", text);
        Assert.True(connectedAt >= healedAt);
    }

    [Fact]
    public void AnAbortAcrossAPartitionIsLostAndTheOtherEndSeesTheEndOfStreamOnlyAfterTheHeal()
    {
        var (clock, network) = Create();
        var (read, healedAt, endedAt) = SimPump.Run(clock, async () =>
        {
            await using var listener = await network.Host("server").BindAsync(Server);
            await using var client = await network.Host("client").ConnectAsync(Server);
            await using var server = (await listener.AcceptAsync())!;
            network.Partition(["client"], ["server"]);
            client.Abort(); // a peer that gives up on a cut link: its reset never crosses the cut

            var reading = server.Stream.ReadAsync(new byte[16]).AsTask();
            await Task.Delay(TimeSpan.FromMinutes(5), clock);
            Assert.False(reading.IsCompleted);
            network.HealAll();
            var healed = clock.Elapsed;
            return (await reading, healed, clock.Elapsed);
        });
        Assert.Equal(0, read);
        Assert.True(endedAt >= healedAt);
    }

    [Fact]
    public void ACrashResetsConnectionsAndRemovesListenersUntilRestart()
    {
        var (clock, network) = Create();
        var outcome = SimPump.Run(clock, async () =>
        {
            var listener = await network.Host("server").BindAsync(Server);
            await using var client = await network.Host("client").ConnectAsync(Server);
            var accepted = await listener.AcceptAsync();
            var pendingAccept = listener.AcceptAsync().AsTask();
            network.Crash("server");
            var read = await Assert.ThrowsAsync<IOException>(async () => await client.Stream.ReadAtLeastAsync(new byte[8], 1));
            Assert.Null(await pendingAccept);
            await Assert.ThrowsAsync<IOException>(async () => await network.Host("server").BindAsync(Server));
            await Assert.ThrowsAsync<ConnectionRefusedException>(async () => await network.Host("client").ConnectAsync(Server));
            network.Restart("server");
            await using var again = await network.Host("server").BindAsync(Server);
            await using var reconnected = await network.Host("client").ConnectAsync(Server);
            return accepted is not null && read.Message.Contains("reset", StringComparison.Ordinal);
        });
        Assert.True(outcome);
    }

    [Fact]
    public void SeededFaultsRepeatWithTheSeedAndDifferAcrossSeeds()
    {
        var options = new SimNetworkOptions { RefuseProbability = 0.5 };
        Assert.Equal(Refusals(1, options), Refusals(1, options));
        Assert.NotEqual(Refusals(1, options), Refusals(2, options));
    }

    private static string Refusals(int seed, SimNetworkOptions options)
    {
        var clock = new SimClock();
        var network = new SimNetwork(seed, clock, new SimTrace(clock), options);
        return SimPump.Run(clock, async () =>
        {
            await using var listener = await network.Host("server").BindAsync(Server);
            var pattern = new StringBuilder();
            for (var i = 0; i < 64; i++)
            {
                try
                {
                    await using var connection = await network.Host("client").ConnectAsync(Server);
                    pattern.Append('+');
                }
                catch (ConnectionRefusedException)
                {
                    pattern.Append('-');
                }
            }

            return pattern.ToString();
        });
    }

    private static (SimClock Clock, SimNetwork Network) Create(SimNetworkOptions? options = null)
    {
        var clock = new SimClock();
        return (clock, new SimNetwork(1, clock, new SimTrace(clock), options));
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        var buffer = new byte[64];
        var text = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            text.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return text.ToString();
    }
}
