namespace P2PSim.Fixtures.Cluster;

/// <summary>What a node is.</summary>
public enum NodeKind
{
    /// <summary>The directory server.</summary>
    Directory,

    /// <summary>A peer: a file server for its share folder, registered and connected at its directory.</summary>
    Peer,

    /// <summary>The ONC-RPC log service (<c>logd</c>).</summary>
    LogService,

    /// <summary>The SOAP time service (<c>timed</c>).</summary>
    TimeService,
}
