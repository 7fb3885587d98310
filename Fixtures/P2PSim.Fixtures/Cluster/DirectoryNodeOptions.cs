using P2PSim.DirectoryServer;

namespace P2PSim.Fixtures.Cluster;

/// <summary>How a directory node is set up.</summary>
public sealed class DirectoryNodeOptions
{
    /// <summary>The log service node the operation log goes to (ONC-RPC, journalled in the node's data folder); none when null.</summary>
    public string? LogService { get; set; }

    /// <summary>In process: the server's options.</summary>
    public DirectoryServerOptions? Server { get; set; }

    /// <summary>In process: one more sink for the operations, owned by the caller (kept across restarts).</summary>
    public IOperationSink? OperationSink { get; set; }

    /// <summary>As a process: more arguments for <c>p2psim server</c>.</summary>
    public IList<string> ExtraArguments { get; } = [];
}
