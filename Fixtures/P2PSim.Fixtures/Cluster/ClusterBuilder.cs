namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// Describes a <see cref="Cluster"/>: its transport and its nodes, each registered as a factory so the cluster can
/// stop, crash and restart it. Nodes start in the order they are added, so add a node before the nodes that use
/// it (log service, then directory, then peers).
/// </summary>
/// <example>
/// <code>
/// await using var cluster = await new ClusterBuilder()
///     .AddLogService("logd", NodeBackend.Process)
///     .AddDirectory("dir", configure: o => o.LogService = "logd")
///     .AddPeer("alice", configure: o => o.Publish.Add(("song.mp3", "a song")))
///     .StartAsync();
/// </code>
/// </example>
public sealed class ClusterBuilder(ClusterTransport transport = ClusterTransport.Tcp)
{
    private readonly List<(string Name, NodeKind Kind, NodeBackend Backend, Func<NodeStart, Task<RunningNode>> Factory)> _nodes = [];
    private TimeSpan _readyTimeout = TimeSpan.FromSeconds(30);
    private Action<string>? _writeLine;

    /// <summary>How long a node may take to get ready (or to stop) before the test fails with its output; 30 s by default.</summary>
    public ClusterBuilder WithReadyTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _readyTimeout = timeout;
        return this;
    }

    /// <summary>Where every node's output goes when the cluster is disposed (a test's output, shown when it fails).</summary>
    public ClusterBuilder WithOutput(Action<string> writeLine)
    {
        _writeLine = writeLine;
        return this;
    }

    public ClusterBuilder AddDirectory(string name, NodeBackend backend = NodeBackend.InProcess, Action<DirectoryNodeOptions>? configure = null) =>
        AddNode(name, NodeKind.Directory, backend, DirectoryNode.Factory(backend, Configure(configure)));

    /// <summary>A peer: a file server for its share folder, registered and connected at its directory.</summary>
    public ClusterBuilder AddPeer(string name, NodeBackend backend = NodeBackend.InProcess, Action<PeerNodeOptions>? configure = null) =>
        AddNode(name, NodeKind.Peer, backend, PeerNode.Factory(backend, Configure(configure)));

    public ClusterBuilder AddLogService(string name, NodeBackend backend = NodeBackend.InProcess, Action<LogServiceNodeOptions>? configure = null) =>
        AddNode(name, NodeKind.LogService, backend, LogServiceNode.Factory(backend, Configure(configure)));

    /// <summary>The SOAP time service; it listens on real sockets only, so the cluster must be on <see cref="ClusterTransport.Tcp"/>.</summary>
    public ClusterBuilder AddTimeService(string name, NodeBackend backend = NodeBackend.InProcess) =>
        AddNode(name, NodeKind.TimeService, backend, TimeServiceNode.Factory(backend));

    /// <summary>
    /// A node of one's own: <paramref name="factory"/> starts an incarnation (binding <see cref="NodeStart.Port"/>)
    /// and returns it once it is ready; it is called again for every restart.
    /// </summary>
    public ClusterBuilder AddNode(string name, NodeKind kind, NodeBackend backend, Func<NodeStart, Task<RunningNode>> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        if (backend == NodeBackend.Process && transport != ClusterTransport.Tcp)
        {
            throw new NotSupportedException($"{name}: process nodes run on real sockets; this cluster is on {transport}.");
        }

        _nodes.Add((name, kind, backend, factory));
        return this;
    }

    /// <summary>Builds the cluster without starting it (to start nodes one by one).</summary>
    public Cluster Build()
    {
        var root = Directory.CreateTempSubdirectory("p2psim-cluster-").FullName;
        var cluster = new Cluster(ClusterNetwork.Create(transport), root, _readyTimeout, _writeLine);
        try
        {
            foreach (var (name, kind, backend, factory) in _nodes)
            {
                cluster.Add(name, kind, backend, factory);
            }
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }

        return cluster;
    }

    /// <summary>Builds the cluster and starts every node in order; a node that does not get ready fails it with everyone's output.</summary>
    public async Task<Cluster> StartAsync()
    {
        var cluster = Build();
        try
        {
            await cluster.StartAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private static T Configure<T>(Action<T>? configure)
        where T : new()
    {
        var options = new T();
        configure?.Invoke(options);
        return options;
    }
}
