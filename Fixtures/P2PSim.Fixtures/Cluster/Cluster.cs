using System.Text;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// A running set of P2PSim nodes (directory servers, peers, log and time services), in process or as processes,
/// built by <see cref="ClusterBuilder"/>. Nodes can be stopped gracefully or crashed, and restarted from their
/// factories with the same data folder and port; on the simulated network links can be partitioned and healed.
/// Every wait is bounded. Disposing stops every node, writes every node's output to the builder's output (shown
/// for failed tests) and deletes the data folders.
/// </summary>
public sealed class Cluster : IAsyncDisposable
{
    private readonly List<NodeHandle> _nodes;
    private readonly Action<string>? _writeLine;
    private int _disposed;

    internal Cluster(ClusterNetwork network, string dataRoot, TimeSpan readyTimeout, Action<string>? writeLine)
    {
        Network = network;
        DataRoot = dataRoot;
        ReadyTimeout = readyTimeout;
        _writeLine = writeLine;
        _nodes = [];
    }

    public ClusterTransport Transport => Network.Kind;

    /// <summary>The transport the test's own clients use to reach the nodes.</summary>
    public ITransport ClientTransport => Network.Client;

    /// <summary>The folder holding every node's data folder.</summary>
    public string DataRoot { get; }

    /// <summary>How long a node may take to get ready, or to stop.</summary>
    public TimeSpan ReadyTimeout { get; }

    public IReadOnlyList<NodeHandle> Nodes => _nodes;

    internal ClusterNetwork Network { get; }

    public NodeHandle this[string name] =>
        _nodes.Find(n => n.Name == name) ?? throw new KeyNotFoundException($"The cluster has no node {name} (it has {string.Join(", ", _nodes.Select(n => n.Name))}).");

    /// <summary>A transport whose connections come from <paramref name="node"/>'s host (so partitions of that node apply).</summary>
    public ITransport TransportOf(NodeHandle node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Network.Host(node.Name);
    }

    /// <summary>Starts every node that is not running, in the order they were added.</summary>
    public async Task StartAsync()
    {
        foreach (var node in _nodes.Where(n => !n.IsRunning))
        {
            await StartNodeAsync(node);
        }
    }

    /// <summary>Starts <paramref name="node"/> from its factory (on its last port, if it ran before) and waits until it is ready.</summary>
    public async Task StartNodeAsync(NodeHandle node)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.IsRunning)
        {
            throw new InvalidOperationException($"{node} is already running.");
        }

        Network.Restart(node.Name);
        var transport = node.Backend == NodeBackend.InProcess ? new NodeTransport(Network.Host(node.Name)) : null;
        using var ready = new CancellationTokenSource(ReadyTimeout);
        RunningNode running;
        try
        {
            running = await node.Factory(new NodeStart(this, node, node.LastPort, transport, ready.Token)).WaitAsync(ReadyTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            throw new TimeoutException($"{node} was not ready within {ReadyTimeout}: {e.Message}\n{CaptureLogs()}", e);
        }

        node.Started(running);
    }

    /// <summary>
    /// Stops <paramref name="node"/>: <paramref name="graceful"/> as an operator would (SIGTERM; in process the
    /// server's own stop), else as a crash (SIGKILL; in process every connection and listener cut first).
    /// </summary>
    public async Task StopNodeAsync(NodeHandle node, bool graceful = true)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Current is not { } running)
        {
            throw new InvalidOperationException($"{node} is not running.");
        }

        try
        {
            await running.StopAsync(graceful, ReadyTimeout);
        }
        finally
        {
            node.Stopped();
        }
    }

    /// <summary>Stops <paramref name="node"/> if it runs (gracefully or as a crash), then starts it again: same data folder, same port.</summary>
    public async Task RestartNodeAsync(NodeHandle node, bool graceful = true)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node.Current is not null)
        {
            await StopNodeAsync(node, graceful);
        }

        await StartNodeAsync(node);
    }

    /// <summary>
    /// Cuts the links between <paramref name="a"/> and <paramref name="b"/> until <see cref="Heal"/>: connects
    /// between them hang and bytes in flight wait. Only on <see cref="ClusterTransport.Simulated"/>.
    /// </summary>
    /// <exception cref="NotSupportedException">The cluster's transport cannot partition.</exception>
    public void Partition(NodeHandle a, NodeHandle b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Network.Partition(a.Name, b.Name);
    }

    /// <summary>Restores every link; held connects proceed and held bytes arrive.</summary>
    public void Heal() => Network.Heal();

    /// <summary>Every node's output, every incarnation, in the order the nodes were added.</summary>
    public string CaptureLogs()
    {
        var text = new StringBuilder();
        foreach (var node in _nodes)
        {
            for (var i = 0; i < node.Incarnations.Count; i++)
            {
                text.Append("=== ").Append(node).Append(" #").Append(i + 1).AppendLine(node.Incarnations[i].HasStopped ? " (stopped)" : " (running)");
                text.AppendLine(node.Incarnations[i].Describe());
            }
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        var failures = new List<Exception>();
        foreach (var node in Enumerable.Reverse(_nodes).Where(n => n.Current is not null))
        {
            try
            {
                await StopNodeAsync(node, graceful: true);
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        _writeLine?.Invoke(CaptureLogs());
        foreach (var incarnation in _nodes.SelectMany(n => n.Incarnations))
        {
            await incarnation.ReleaseAsync();
        }

        try
        {
            Directory.Delete(DataRoot, recursive: true);
        }
        catch (IOException e)
        {
            failures.Add(e);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("The cluster did not stop cleanly.", failures);
        }
    }

    internal NodeHandle Add(string name, NodeKind kind, NodeBackend backend, Func<NodeStart, Task<RunningNode>> factory)
    {
        if (_nodes.Exists(n => n.Name == name))
        {
            throw new ArgumentException($"The cluster already has a node {name}.", nameof(name));
        }

        var node = new NodeHandle(name, kind, backend, Directory.CreateDirectory(Path.Combine(DataRoot, name)).FullName, factory);
        _nodes.Add(node);
        return node;
    }
}
