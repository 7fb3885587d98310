using P2PSim.Simulation.Network;

namespace P2PSim.Simulation.Runs.Tests.Scenario;

/// <summary>
/// The shape of one run, drawn from its seed: how many peers, how many operations each, how hostile the network,
/// how many faults, how the log sink is tuned. The same seed always gives the same plan.
/// </summary>
internal sealed record ScenarioPlan(
    int Seed,
    int PeerCount,
    int OperationsPerPeer,
    int FilesPerPeer,
    TimeSpan MaxThinkTime,
    int Faults,
    SimNetworkOptions Network,
    int SinkMemoryEntries,
    int SinkBatchSize)
{
    public static ScenarioPlan From(int seed)
    {
        var random = new Random(seed);

        // One seed in four is a storm: many more faults, a lossy network, peers that hardly pause.
        var storm = random.Next(4) == 0;
        return new ScenarioPlan(
            seed,
            PeerCount: random.Next(3, 7),
            OperationsPerPeer: random.Next(15, 41),
            FilesPerPeer: random.Next(1, 4),
            MaxThinkTime: TimeSpan.FromMilliseconds(storm ? random.Next(5, 300) : random.Next(50, 3000)),
            Faults: storm ? random.Next(5, 21) : random.Next(0, 7),
            Network: new SimNetworkOptions
            {
                MinLatency = TimeSpan.FromMilliseconds(random.Next(0, 5)),
                MaxLatency = TimeSpan.FromMilliseconds(random.Next(5, 80)),
                MaxJitter = TimeSpan.FromMilliseconds(random.Next(0, 20)),
                RefuseProbability = random.NextDouble() * (storm ? 0.2 : 0.05),
                ResetProbability = random.NextDouble() * (storm ? 0.08 : 0.02),
                ChannelCapacity = random.Next(2) == 0 ? 64 * 1024 : random.Next(512, 8192),
            },
            SinkMemoryEntries: random.Next(2) == 0 ? 10_000 : random.Next(1, 16),
            SinkBatchSize: random.Next(1, 65));
    }

    public override string ToString() =>
        $"seed {Seed}: {PeerCount} peers x {OperationsPerPeer} ops, {Faults} faults, latency " +
        $"{Network.MinLatency.TotalMilliseconds}-{Network.MaxLatency.TotalMilliseconds} ms, refuse {Network.RefuseProbability:0.###}, " +
        $"reset {Network.ResetProbability:0.###}, window {Network.ChannelCapacity} B, sink memory {SinkMemoryEntries} batch {SinkBatchSize}";
}
