using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>What a node's factory is given each time the node starts or restarts.</summary>
public sealed class NodeStart
{
    internal NodeStart(Cluster cluster, NodeHandle node, int port, NodeTransport? transport, CancellationToken cancellationToken)
    {
        Cluster = cluster;
        Node = node;
        Port = port;
        NodeTransport = transport;
        CancellationToken = cancellationToken;
    }

    public Cluster Cluster { get; }

    public NodeHandle Node { get; }

    /// <summary>
    /// The port to bind: 0 on the first start, the previous port on a restart (so the rest of the cluster still
    /// finds it). The time service ignores it and always takes a fresh one.
    /// </summary>
    public int Port { get; }

    /// <summary>Cancelled when the node's readiness timeout passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The address to bind: the node's own host on the cluster's network (127.0.0.1 over TCP).</summary>
    public TransportEndPoint BindAt => new(Cluster.Network.BindHost(Node.Name), Port);

    /// <summary>
    /// The in-process node's transport: its listeners and connections, which a crash cuts. Only for
    /// <see cref="NodeBackend.InProcess"/> nodes.
    /// </summary>
    public ITransport Transport => NodeTransport ?? throw new InvalidOperationException($"{Node.Name} runs as a process: it has no in-process transport.");

    /// <summary>Datagrams on the cluster's network, where it has them (TCP: loopback UDP; in memory: its sockets).</summary>
    public IDatagramTransport? Datagrams => Cluster.Network.Datagrams;

    internal NodeTransport? NodeTransport { get; }
}
