using System.Net;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.DirectoryServer.Registry.Redis;
using P2PSim.LogSink;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// The directory server a group of runs loads: a fresh in-process server on 127.0.0.1 (optionally with the log sink
/// in one of the <see cref="LoggingMode"/>s, on the memory store, a durable one or a shared Redis), or an external
/// server given by address, left as it is.
/// </summary>
internal sealed class DirectoryUnderTest : IAsyncDisposable
{
    private readonly LogTarget? _logTarget;
    private readonly RpcLogSink? _sink;
    private readonly RunningServer<P2PSim.DirectoryServer.DirectoryServer>? _server;
    private readonly DurableRegistryStore? _durable;
    private readonly CountingJournalStorage? _storage;
    private readonly RedisRegistryStore? _redis;

    private DirectoryUnderTest(
        TransportEndPoint endPoint, IRegistryStore? store, LogTarget? logTarget, RpcLogSink? sink, RunningServer<P2PSim.DirectoryServer.DirectoryServer>? server,
        DurableRegistryStore? durable = null, CountingJournalStorage? storage = null, RedisRegistryStore? redis = null)
    {
        _redis = redis;
        EndPoint = endPoint;
        Store = store;
        _logTarget = logTarget;
        _sink = sink;
        _server = server;
        _durable = durable;
        _storage = storage;
    }

    public TransportEndPoint EndPoint { get; }

    public IPEndPoint IPEndPoint => new(IPAddress.Parse(EndPoint.Host), EndPoint.Port);

    /// <summary>The in-process server's store; null for an external target.</summary>
    public IRegistryStore? Store { get; }

    /// <summary>
    /// The in-process server's in-memory registry, which seeders may fill directly; null for an external target and
    /// for a durable store, whose state must reach its journal (seed it through <see cref="Store"/>).
    /// </summary>
    public DirectoryRegistry? Registry => Store as DirectoryRegistry;

    /// <summary>The durable store's fsyncs so far (journal group commits and snapshots); null on the memory store.</summary>
    public long? Fsyncs => _storage?.Fsyncs;

    /// <summary>The sink's counters so far; null without a sink.</summary>
    public SinkCounters? SinkCounters => _sink is null ? null : LoadGen.SinkCounters.Of(_sink);

    public static DirectoryUnderTest External(IPEndPoint target) =>
        new(new TransportEndPoint(target.Address.ToString(), target.Port), null, null, null, null);

    /// <summary>
    /// A fresh server on <paramref name="store"/>: the in-memory registry, a durable store in a new folder of
    /// <paramref name="workDirectory"/> (deleted with the server), or the registry under <paramref name="keyPrefix"/>
    /// on <paramref name="redis"/>, which servers given the same prefix share.
    /// </summary>
    public static async Task<DirectoryUnderTest> StartAsync(
        LoggingMode logging, string workDirectory, CancellationToken cancellationToken, StoreKind store = StoreKind.Memory,
        RedisChild? redis = null, string keyPrefix = "loadgen")
    {
        var logTarget = await LogTarget.StartAsync(logging, workDirectory, cancellationToken);
        RpcLogSink? sink = null;
        DurableRegistryStore? durable = null;
        CountingJournalStorage? storage = null;
        RedisRegistryStore? shared = null;
        try
        {
            var name = logging.ToString().ToLowerInvariant();
            sink = logTarget.EndPoint is { } logService
                ? new RpcLogSink(
                    TcpTransport.Instance,
                    new RpcLogSinkOptions(logService, $"loadgen-{name}-{Guid.NewGuid():N}")
                    {
                        JournalPath = Path.Combine(workDirectory, $"journal-{name}-{Guid.NewGuid():N}.bin"),
                    })
                : null;
            IRegistryStore registry;
            if (store == StoreKind.Durable)
            {
                storage = new CountingJournalStorage(new FileJournalStorage(Path.Combine(workDirectory, $"store-{Guid.NewGuid():N}")));
                durable = await DurableRegistryStore.OpenAsync(storage);
                registry = durable;
            }
            else if (store == StoreKind.Redis)
            {
                var at = redis ?? throw new ArgumentNullException(nameof(redis), "a Redis store needs the Redis to run on");
                shared = await RedisRegistryStore.ConnectAsync([at.EndPoint], new RedisStoreOptions { KeyPrefix = keyPrefix });
                registry = shared;
            }
            else
            {
                registry = new DirectoryRegistry();
            }

            var server = await DirectoryServerHost.StartAsync(
                TcpTransport.Instance, new TransportEndPoint("127.0.0.1", 0), sink: sink, registry: registry, cancellationToken: cancellationToken);
            return new DirectoryUnderTest(server.EndPoint, registry, logTarget, sink, server, durable, storage, shared);
        }
        catch
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }

            if (durable is not null)
            {
                await durable.DisposeAsync();
            }

            if (storage is not null)
            {
                TryDelete(storage.Location);
            }

            if (sink is not null)
            {
                await sink.DisposeAsync();
            }

            await logTarget.DisposeAsync();
            throw;
        }
    }

    /// <summary>Server first (drain), then its store (a durable one's folder deleted), the sink (bounded flush), the log target.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_durable is not null)
        {
            await _durable.DisposeAsync();
        }

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        if (_storage is not null)
        {
            TryDelete(_storage.Location);
        }

        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        if (_logTarget is not null)
        {
            await _logTarget.DisposeAsync();
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // The suite's work directory goes at the end anyway.
        }
    }
}
