using System.Net;
using P2PSim.Cli.Options;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Redis;

namespace P2PSim.Cli.Demo;

/// <summary>
/// The demo's registry: in memory, or (<c>--registry</c>) in Redis under a key prefix of this run's own, so that a
/// registry other servers share there is left alone. The run's users are unregistered from Redis at the end.
/// </summary>
internal sealed class DemoStore : IAsyncDisposable
{
    private readonly RedisRegistryStore? _redis;

    private DemoStore(IRegistryStore registry, RedisRegistryStore? redis)
    {
        Registry = registry;
        _redis = redis;
    }

    public IRegistryStore Registry { get; }

    public static async Task<DemoStore> OpenAsync(IReadOnlyList<DnsEndPoint>? redis, TextWriter transcript)
    {
        if (redis is null)
        {
            return new DemoStore(new DirectoryRegistry(), null);
        }

        var prefix = $"p2psim-demo-{Environment.ProcessId}-{DateTime.UtcNow:yyyyMMddHHmmss}";
        var store = await RedisRegistryStore.ConnectAsync(redis, new RedisStoreOptions { KeyPrefix = prefix });
        if (!store.IsConnected)
        {
            await store.DisposeAsync();
            throw new UsageException($"--registry: Redis at {string.Join(",", redis.Select(e => $"{e.Host}:{e.Port}"))} does not answer: start redis-server there, or run the demo without --registry");
        }

        transcript.WriteLine(TranscriptWriter.Label("server") + $"registry in Redis at {store.Location}, keys under {{{prefix}:…}}");
        return new DemoStore(store, store);
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is null)
        {
            return;
        }

        foreach (var user in await _redis.SnapshotAsync())
        {
            var account = await _redis.FindAccountAsync(user.Name);
            await _redis.UnregisterAsync(user.Name, account is null ? Caller.Anonymous : new Caller(user.Name, account.Number));
        }

        await _redis.DisposeAsync();
    }
}
