using P2PSim.Transport;
using P2PSim.Transport.InMemory;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// One <see cref="InMemoryNetwork"/>: each node a host named after it, the test's clients at 127.0.0.1. The
/// in-memory transport has no partitions.
/// </summary>
internal sealed class InMemoryClusterNetwork : ClusterNetwork
{
    private readonly InMemoryNetwork _network = new();

    public InMemoryClusterNetwork()
    {
        Client = _network.CreateTransport(TcpClusterNetwork.Loopback);
        Datagrams = _network.CreateDatagramTransport();
    }

    public override ClusterTransport Kind => ClusterTransport.InMemory;

    public override ITransport Client { get; }

    public override IDatagramTransport? Datagrams { get; }

    public override ITransport Host(string node) => _network.CreateTransport(node);

    public override string BindHost(string node) => node;
}
