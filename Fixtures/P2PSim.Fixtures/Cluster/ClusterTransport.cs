namespace P2PSim.Fixtures.Cluster;

/// <summary>The network a cluster's in-process nodes and its test clients share.</summary>
public enum ClusterTransport
{
    /// <summary>Real loopback TCP (and UDP); the only one process nodes can join.</summary>
    Tcp,

    /// <summary>The product's in-memory transport: fast, no sockets, no partitions.</summary>
    InMemory,

    /// <summary>
    /// The simulation's network with no latency or faults, on the wall clock: every node a host of its own, so
    /// links between nodes can be partitioned and healed.
    /// </summary>
    Simulated,
}
