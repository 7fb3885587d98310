using P2PSim.Simulation.Network;
using P2PSim.Simulation.Runtime;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// A <see cref="SimNetwork"/> with no latency, jitter or seeded faults, so it runs on the wall clock without the
/// simulation's pump: its virtual clock never needs to move. Each node is a host named after it, the test's clients
/// the host <see cref="ClientHost"/>. A partition holds connects and bytes until the heal, as the simulation does.
/// There are no datagrams: the log service answers on TCP only.
/// </summary>
internal sealed class SimulatedClusterNetwork : ClusterNetwork
{
    public const string ClientHost = "client";

    private readonly SimNetwork _network;

    public SimulatedClusterNetwork()
    {
        var clock = new SimClock();
        _network = new SimNetwork(
            seed: 1,
            clock,
            new SimTrace(clock),
            new SimNetworkOptions { MinLatency = TimeSpan.Zero, MaxLatency = TimeSpan.Zero, MaxJitter = TimeSpan.Zero });
        Client = _network.Host(ClientHost);
    }

    public override ClusterTransport Kind => ClusterTransport.Simulated;

    public override ITransport Client { get; }

    public override IDatagramTransport? Datagrams => null;

    public override ITransport Host(string node) => _network.Host(node);

    public override string BindHost(string node) => node;

    public override void Partition(string a, string b) => _network.Partition([a], [b]);

    public override void Heal() => _network.HealAll();

    public override void Crash(string node) => _network.Crash(node);

    public override void Restart(string node) => _network.Restart(node);
}
