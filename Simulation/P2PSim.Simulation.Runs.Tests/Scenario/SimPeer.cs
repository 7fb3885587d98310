using P2PSim.Peer;
using P2PSim.Peer.Downloads;
using P2PSim.Peer.Serving;
using P2PSim.Simulation.Runs.Tests.Model;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.Simulation.Runs.Tests.Scenario;

/// <summary>
/// One simulated peer host: the real directory client, downloader and file server on its own host of the network,
/// a share folder of seeded files, and the model of its user. A crash stops its host (the network cuts its
/// connections) and its file server; a restart brings the file server back on the same port.
/// </summary>
internal sealed class SimPeer
{
    public const int FilePort = 7000;

    private readonly SimWorld _world;
    private RunningServer<FileServer>? _fileServer;
    private TaskCompletionSource<bool>? _restarted;
    private int _downloads;

    public SimPeer(SimWorld world, int index, string name, string root)
    {
        _world = world;
        Name = name;
        Random = new Random(SimWorld.DeriveSeed(world.Plan.Seed, index + 1));
        Transport = world.Network.Host(name);
        Model = new UserModel(name);
        ShareDirectory = Directory.CreateDirectory(Path.Join(root, name, "share")).FullName;
        DownloadDirectory = Directory.CreateDirectory(Path.Join(root, name, "downloads")).FullName;
        Client = new DirectoryClient(Transport, world.DirectoryEndPoint, timeProvider: world.Clock);
        Downloader = new FileDownloader(Transport, timeProvider: world.Clock) { BufferSize = 16 * 1024 };
    }

    public string Name { get; }

    /// <summary>This peer's own choices (its operations and their arguments).</summary>
    public Random Random { get; }

    public ITransport Transport { get; }

    public UserModel Model { get; }

    public string ShareDirectory { get; }

    public string DownloadDirectory { get; }

    public DirectoryClient Client { get; }

    public FileDownloader Downloader { get; }

    /// <summary>Names this peer may publish: its files on disk, and one that is not (a GET_FILE of it answers 1).</summary>
    public List<string> PublishableNames { get; } = [];

    /// <summary>Bumped by every crash: an operation that saw it change belongs to a process that died.</summary>
    public int Generation { get; private set; }

    public bool IsUp => _fileServer is not null;

    public int NextDownloadNumber() => ++_downloads;

    public async Task StartAsync()
    {
        _fileServer = await FileServerHost.StartAsync(
            Transport,
            new TransportEndPoint(Name, FilePort),
            new FileServerOptions(ShareDirectory) { TimeProvider = _world.Clock, BufferSize = 16 * 1024 });
    }

    public async Task CrashAsync()
    {
        Generation++;
        _restarted = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _world.Network.Crash(Name);
        var server = _fileServer;
        _fileServer = null;
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public async Task RestartAsync()
    {
        if (IsUp)
        {
            return;
        }

        _world.Network.Restart(Name);
        await StartAsync();
        _restarted?.TrySetResult(true);
    }

    /// <summary>Waits while the peer is down (its agent pauses, as a dead process would).</summary>
    public Task WaitUpAsync() => IsUp || _restarted is null ? Task.CompletedTask : _restarted.Task;

    public async Task StopAsync()
    {
        if (_fileServer is { } server)
        {
            _fileServer = null;
            await server.DisposeAsync();
        }
    }
}
