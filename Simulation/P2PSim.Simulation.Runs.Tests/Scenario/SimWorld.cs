using System.Security.Cryptography;
using P2PSim.DirectoryServer;
using P2PSim.LogService;
using P2PSim.LogSink;
using P2PSim.Simulation.Network;
using P2PSim.Simulation.Runtime;
using P2PSim.TestKit;
using P2PSim.Transport;
using P2PSim.Transport.Capture;
using P2PSim.Transport.Hosting;

namespace P2PSim.Simulation.Runs.Tests.Scenario;

/// <summary>
/// Everything one simulated run holds: the network and clock, the directory server with its RPC log sink, the log
/// service with its durable store, the peers, and what the checks need (recorded operations, seeded file contents,
/// violations). Hosts: <c>directory</c>, <c>logd</c>, <c>peer1</c>…
/// </summary>
internal sealed partial class SimWorld
{
    public const string DirectoryHost = "directory";
    public const string LogHost = "logd";
    public const string SenderId = "directory-sim";

    private readonly List<string> _violations = [];
    private readonly Dictionary<string, (string Owner, string Sha)> _contents = new(StringComparer.Ordinal);
    private readonly string _root;
    private LogStore? _logStore;
    private RunningServer<LogServer>? _logServer;

    public SimWorld(ScenarioPlan plan, SimClock clock, SimTrace trace, string root, TrafficCapture? capture = null)
    {
        Plan = plan;
        Clock = clock;
        Trace = trace;
        _root = root;
        Network = new SimNetwork(DeriveSeed(plan.Seed, 0), clock, trace, plan.Network) { Capture = capture };
        Random = new Random(DeriveSeed(plan.Seed, 1000));
        LogStorePath = Path.Join(root, "logd", "log.jsonl");
        Directory.CreateDirectory(Path.GetDirectoryName(LogStorePath)!);
        Peers = [.. Enumerable.Range(1, plan.PeerCount).Select(i => new SimPeer(this, i, "peer" + i, root))];
    }

    public ScenarioPlan Plan { get; }

    public SimClock Clock { get; }

    public SimTrace Trace { get; }

    public SimNetwork Network { get; }

    /// <summary>The run's own choices (faults); peers draw from their own generators.</summary>
    public Random Random { get; }

    public TransportEndPoint DirectoryEndPoint { get; } = new(DirectoryHost, 9000);

    public TransportEndPoint LogEndPoint { get; } = new(LogHost, 5000);

    public string LogStorePath { get; }

    public IReadOnlyList<SimPeer> Peers { get; }

    public RunningServer<P2PSim.DirectoryServer.DirectoryServer>? DirectoryServer { get; private set; }

    public RpcLogSink? Sink { get; private set; }

    public RecordingOperationSink Recorder { get; } = new();

    public bool LogServiceUp => _logServer is not null;

    public IReadOnlyList<string> Violations => _violations;

    public int Operations { get; private set; }

    public int Unanswered { get; private set; }

    public int Downloads { get; set; }

    /// <summary>A per-purpose seed from the run's seed (stable across .NET versions, unlike HashCode).</summary>
    public static int DeriveSeed(int seed, int purpose) => unchecked((seed * 1_000_003) ^ (purpose * 7919) ^ 0x2545F491);

    public void Record(SimPeer peer, string what, bool ok)
    {
        Operations++;
        if (!ok)
        {
            Unanswered++;
        }

        Trace.Add("op", $"{peer.Name} {what}");
    }

    public void Violation(string what)
    {
        _violations.Add(what);
        Trace.Add("VIOLATION", what);
    }

    /// <summary>The SHA-256 of the file a peer shares under <paramref name="file"/>, or null when none does.</summary>
    public string? ExpectedContentHash(string file) => _contents.TryGetValue(file, out var c) ? c.Sha : null;

    public string? OwnerOf(string file) => _contents.TryGetValue(file, out var c) ? c.Owner : null;

    /// <summary>A file of a few blocks that several peers hold from the start, for multi-source downloads.</summary>
    public string MirroredFile { get; } = "mirrored.bin";

    /// <summary>Seeded share folders, then the log service, the directory server (and sink) and every peer.</summary>
    public async Task StartAsync()
    {
        foreach (var peer in Peers)
        {
            for (var k = 1; k <= Plan.FilesPerPeer; k++)
            {
                var name = $"{peer.Name}-f{k}.bin";
                var bytes = new byte[peer.Random.Next(4) == 0 ? peer.Random.Next(0, 8) : peer.Random.Next(100, 200_000)];
                peer.Random.NextBytes(bytes);
                File.WriteAllBytes(Path.Join(peer.ShareDirectory, name), bytes);
                _contents.Add(name, (peer.Name, Convert.ToHexStringLower(SHA256.HashData(bytes))));
                peer.PublishableNames.Add(name);
            }

            peer.PublishableNames.Add($"{peer.Name}-ghost.bin");
        }

        SeedMirroredFile();

        await StartLogServiceAsync();
        Directory.CreateDirectory(Path.Join(_root, DirectoryHost));
        Sink = new RpcLogSink(
            Network.Host(DirectoryHost),
            new RpcLogSinkOptions(LogEndPoint, SenderId)
            {
                TimeProvider = Clock,
                MaxQueuedEntries = Plan.SinkMemoryEntries,
                BatchSize = Plan.SinkBatchSize,
                JournalPath = Path.Join(_root, DirectoryHost, "sink.journal"),
            });
        DirectoryServer = await DirectoryServerHost.StartAsync(
            Network.Host(DirectoryHost),
            DirectoryEndPoint,
            new DirectoryServerOptions { TimeProvider = Clock, DrainTimeout = TimeSpan.Zero },
            new CompositeOperationSink(Recorder, Sink));
        foreach (var peer in Peers)
        {
            await peer.StartAsync();
        }
    }

    public async Task StartLogServiceAsync()
    {
        Network.Restart(LogHost);
        _logStore = new LogStore(LogStorePath, TextWriter.Null);
        _logServer = await LogServerHost.StartAsync(
            Network.Host(LogHost),
            datagramTransport: null,
            LogEndPoint,
            _logStore,
            new LogServerOptions { TimeProvider = Clock, DrainTimeout = TimeSpan.Zero });
    }

    /// <summary>The log service's host dies: connections reset, the server stops, the store file is closed.</summary>
    public async Task CrashLogServiceAsync()
    {
        Network.Crash(LogHost);
        if (_logServer is { } server)
        {
            _logServer = null;
            await server.DisposeAsync();
        }

        _logStore?.Dispose();
        _logStore = null;
    }

    public async Task StopAsync()
    {
        foreach (var peer in Peers)
        {
            await peer.StopAsync();
        }

        if (DirectoryServer is { } directory)
        {
            await directory.DisposeAsync();
        }

        if (Sink is { } sink)
        {
            await sink.DisposeAsync();
        }

        await CrashLogServiceAsync();
    }

    /// <summary>
    /// <see cref="MirroredFile"/>: 300–800 KB (two to four blocks of the multi-source extension) in the share folders of
    /// up to three peers, publishable by each. Drawn from its own seeded stream so the rest of the run keeps its draws.
    /// </summary>
    private void SeedMirroredFile()
    {
        var random = new Random(DeriveSeed(Plan.Seed, 2000));
        var bytes = new byte[random.Next(300_000, 800_000)];
        random.NextBytes(bytes);
        var holders = Peers.Take(3).ToList();
        foreach (var holder in holders)
        {
            File.WriteAllBytes(Path.Join(holder.ShareDirectory, MirroredFile), bytes);
            holder.PublishableNames.Add(MirroredFile);
        }

        _contents.Add(MirroredFile, (holders[0].Name, Convert.ToHexStringLower(SHA256.HashData(bytes))));
    }
}
