namespace P2PSim.Fixtures.Cluster;

/// <summary>How a log service node is set up. Its durable store is <see cref="StoreFileName"/> in the node's data folder.</summary>
public sealed class LogServiceNodeOptions
{
    /// <summary>The store's file name inside the node's data folder, as <c>p2psim logd --data-dir</c> names it.</summary>
    public const string StoreFileName = "log-store.jsonl";

    /// <summary>As a process: more arguments for <c>p2psim logd</c> (<c>--no-rpcbind</c> is always given).</summary>
    public IList<string> ExtraArguments { get; } = [];

    /// <summary>The durable store of <paramref name="node"/>.</summary>
    public static string StorePath(NodeHandle node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Path.Combine(node.DataDirectory, StoreFileName);
    }
}
