namespace P2PSim.Fixtures.Cluster;

/// <summary>Where a node runs.</summary>
public enum NodeBackend
{
    /// <summary>The real server classes hosted inside the test process (<see cref="InProcessNode"/>).</summary>
    InProcess,

    /// <summary>The real <c>p2psim</c> executable as a child process (<see cref="ProcessNode"/>).</summary>
    Process,
}
