using P2PSim.Simulation.Runs.Tests.Actions;

namespace P2PSim.Simulation.Runs.Tests.Scenario;

/// <summary>The run itself: one agent per peer doing random operations while a chaos task injects faults.</summary>
internal sealed partial class SimWorld
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromMinutes(10);

    public async Task RunAsync()
    {
        await StartAsync();
        var work = Peers.Select(AgentAsync).Append(ChaosAsync()).ToArray();
        await Task.WhenAll(work);

        // Quiet end: every link healed, every host back, then the sink must drain completely.
        Network.HealAll();
        foreach (var peer in Peers)
        {
            await peer.RestartAsync();
        }

        if (!LogServiceUp)
        {
            await StartLogServiceAsync();
        }

        var waited = TimeSpan.Zero;
        while (Sink!.Pending > 0 && waited < DrainLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), Clock);
            waited += TimeSpan.FromMilliseconds(250);
        }

        Trace.Add("drained", $"pending {Sink.Pending} sent {Sink.Sent} retried {Sink.Retried} spilled {Sink.Spilled} dropped {Sink.Dropped}");
        CheckRegistry();
        await StopAsync();
        CheckLogStore();
    }

    private async Task AgentAsync(SimPeer peer)
    {
        for (var i = 0; i < Plan.OperationsPerPeer; i++)
        {
            await peer.WaitUpAsync();
            await Task.Delay(TimeSpan.FromTicks((long)(peer.Random.NextDouble() * Plan.MaxThinkTime.Ticks)), Clock);
            await peer.WaitUpAsync();
            var action = ActionCatalogue.Pick(peer);
            try
            {
                await action.RunAsync(peer, this);
            }
            catch (Exception e)
            {
                // Expected failures are caught by the actions; anything else escaping product code is a finding.
                Violation($"{peer.Name}: {action.Name} threw {e.GetType().Name}: {e.Message}");
            }
        }
    }

    /// <summary>Faults one after another: partitions, peer crashes, log-service crashes, each healed after a while.</summary>
    private async Task ChaosAsync()
    {
        for (var i = 0; i < Plan.Faults; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Next(500, 15_000)), Clock);
            var duration = TimeSpan.FromMilliseconds(Random.Next(200, 40_000));
            switch (Random.Next(3))
            {
                case 0:
                    var hosts = Peers.Select(p => p.Name).Append(DirectoryHost).Append(LogHost).ToArray();
                    var side = hosts.Where(_ => Random.Next(2) == 0).ToArray();
                    Network.Partition(side, hosts.Except(side));
                    await Task.Delay(duration, Clock);
                    Network.HealAll();
                    break;
                case 1:
                    var peer = Peers[Random.Next(Peers.Count)];
                    await peer.CrashAsync();
                    await Task.Delay(duration, Clock);
                    await peer.RestartAsync();
                    break;
                default:
                    await CrashLogServiceAsync();
                    await Task.Delay(duration, Clock);
                    await StartLogServiceAsync();
                    break;
            }
        }
    }
}
