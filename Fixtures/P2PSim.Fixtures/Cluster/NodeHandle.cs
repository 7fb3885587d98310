using System.Text.RegularExpressions;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// A node of a <see cref="Cluster"/> across its restarts: its name, kind, backend, data folder (kept across
/// restarts) and the factory that starts it. <see cref="Current"/> is the running incarnation, if any.
/// </summary>
public sealed class NodeHandle
{
    private readonly List<RunningNode> _incarnations = [];

    internal NodeHandle(string name, NodeKind kind, NodeBackend backend, string dataDirectory, Func<NodeStart, Task<RunningNode>> factory)
    {
        Name = name;
        Kind = kind;
        Backend = backend;
        DataDirectory = dataDirectory;
        Factory = factory;
    }

    public string Name { get; }

    public NodeKind Kind { get; }

    public NodeBackend Backend { get; }

    /// <summary>The node's own folder (a log service's store, a server's journal, a peer's share), kept across restarts.</summary>
    public string DataDirectory { get; }

    /// <summary>The running incarnation; null before the start and after a stop.</summary>
    public RunningNode? Current { get; private set; }

    public bool IsRunning => Current is { HasStopped: false };

    /// <summary>Every incarnation so far, the current one last.</summary>
    public IReadOnlyList<RunningNode> Incarnations => _incarnations;

    /// <summary>Where the running node listens; a restart keeps the port.</summary>
    public TransportEndPoint EndPoint => Current?.EndPoint ?? throw new InvalidOperationException($"Node {Name} is not running.");

    public int Port => EndPoint.Port;

    /// <summary>The current incarnation's output (console lines and diagnostics).</summary>
    public IReadOnlyList<string> Output => Current?.Output ?? [];

    /// <summary>Waits for a line of the current incarnation's output matching <paramref name="pattern"/>.</summary>
    public Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout) =>
        (Current ?? throw new InvalidOperationException($"Node {Name} is not running.")).WaitForOutputAsync(pattern, timeout);

    public override string ToString() => $"{Name} ({Kind}, {Backend})";

    internal Func<NodeStart, Task<RunningNode>> Factory { get; }

    /// <summary>The port the last incarnation had: a restart binds it again.</summary>
    internal int LastPort { get; private set; }

    internal void Started(RunningNode node)
    {
        Current = node;
        LastPort = node.EndPoint.Port;
        _incarnations.Add(node);
    }

    internal void Stopped() => Current = null;
}
