using P2PSim.DirectoryServer;
using P2PSim.Peer;
using P2PSim.Protocol;
using P2PSim.Simulation.Network;
using P2PSim.Simulation.Runtime;
using P2PSim.TestKit;
using P2PSim.Transport;

namespace P2PSim.Simulation.Runs.Tests.Tests;

/// <summary>
/// docs/sessions.md §7 on the simulated network: a peer whose link to the directory is cut (no FIN, no reset: bytes
/// just stop) stays listed until the server's idle time notices the silent session and the grace period runs out,
/// then leaves LIST_USERS with one DISCONNECT reported; when the link heals, its client CONNECTs it again by itself.
/// Simulated time, so the minutes this takes cost milliseconds.
/// </summary>
public sealed class PresenceCutTests
{
    private static readonly TransportEndPoint Directory = new("directory", 5000);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_peer_cut_off_by_a_partition_leaves_the_list_after_idle_time_and_grace_and_comes_back_after_the_heal(int seed)
    {
        var clock = new SimClock();
        var network = new SimNetwork(seed, clock, new SimTrace(clock));
        var sink = new RecordingOperationSink();
        var options = new DirectoryServerOptions { TimeProvider = clock, DrainTimeout = TimeSpan.Zero };
        var idle = options.Sessions.IdleTimeout;
        var grace = options.Sessions.PresenceGrace;

        var (listedDuringGrace, listedAfter, listedAfterHeal, disconnects) = SimPump.Run(
            clock,
            async () =>
            {
                await using var server = await DirectoryServerHost.StartAsync(network.Host("directory"), Directory, options, sink);
                await using var alice = new DirectoryClient(network.Host("peer1"), Directory, timeProvider: clock) { UseSessions = true };
                var bob = new DirectoryClient(network.Host("peer2"), Directory, timeProvider: clock);
                Assert.Equal(0, (await alice.RegisterAsync("alice")).Code);
                Assert.Equal(0, (await alice.ConnectAsync("alice", 7000)).Code);
                Assert.Equal(0, (await bob.RegisterAsync("bob")).Code);
                Assert.Equal(0, (await bob.ConnectAsync("bob", 7001)).Code);

                var cutAt = clock.Elapsed;
                network.Partition(["peer1"], ["directory"]);

                // Inside the idle time the server cannot know; then the grace period keeps alice listed.
                await Task.Delay(idle + (grace / 2), clock);
                var during = await ListedAsync(bob);

                await Task.Delay(grace, clock);
                var after = await ListedAsync(bob);

                network.HealAll();
                var back = await ListedAsync(bob);
                for (var wait = 0; wait < 120 && !back.Contains("alice"); wait++)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), clock);
                    back = await ListedAsync(bob);
                }

                Assert.True(clock.Elapsed - cutAt < TimeSpan.FromMinutes(10), "the run took too long in simulated time");
                return (during, after, back, sink.Records.Count(r => r.Operation == Operation.Disconnect && r.User == "alice"));
            },
            new SimPumpLimits { MaxSimulatedTime = TimeSpan.FromMinutes(30), MaxSteps = 2_000_000 });

        Assert.Equal(["alice", "bob"], listedDuringGrace);
        Assert.Equal(["bob"], listedAfter);
        Assert.Equal(["alice", "bob"], listedAfterHeal);
        Assert.Equal(1, disconnects);
    }

    private static async Task<string[]> ListedAsync(DirectoryClient observer)
    {
        var reply = await observer.ListUsersAsync("bob");
        Assert.Equal(0, reply.Code);
        return [.. reply.Users!.Select(u => u.Name).Order(StringComparer.Ordinal)];
    }
}
