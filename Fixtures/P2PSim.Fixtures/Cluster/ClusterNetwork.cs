using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>The cluster's network: which transport each node and the test's clients use, and what faults it can do.</summary>
internal abstract class ClusterNetwork
{
    public abstract ClusterTransport Kind { get; }

    /// <summary>The transport of the test's own clients.</summary>
    public abstract ITransport Client { get; }

    /// <summary>Datagrams, for the log service's UDP; null where the network has none.</summary>
    public abstract IDatagramTransport? Datagrams { get; }

    public static ClusterNetwork Create(ClusterTransport kind) =>
        kind switch
        {
            ClusterTransport.Tcp => new TcpClusterNetwork(),
            ClusterTransport.InMemory => new InMemoryClusterNetwork(),
            ClusterTransport.Simulated => new SimulatedClusterNetwork(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    /// <summary>The transport of node <paramref name="node"/>: where its connections come from.</summary>
    public abstract ITransport Host(string node);

    /// <summary>The address node <paramref name="node"/> binds.</summary>
    public abstract string BindHost(string node);

    public virtual void Partition(string a, string b) =>
        throw new NotSupportedException(
            $"The {Kind} transport cannot partition nodes: build the cluster on {nameof(ClusterTransport)}.{nameof(ClusterTransport.Simulated)}.");

    public virtual void Heal() => Partition(string.Empty, string.Empty);

    /// <summary>The node's host goes down (where the network models hosts).</summary>
    public virtual void Crash(string node)
    {
    }

    /// <summary>The node's host is up again, before the node binds.</summary>
    public virtual void Restart(string node)
    {
    }
}
