using System.Net;
using P2PSim.DirectoryServer;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Redis;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;

namespace P2PSim.PropertyTests.Support;

/// <summary>
/// Several real directory servers sharing one registry in Redis (docs/registry-stores.md §4), each over its own
/// connection to it, under a key prefix of their own: a fresh registry per case on one long-lived Redis.
/// </summary>
internal sealed class SharedRedisServers : IServerUnderTest
{
    private readonly IReadOnlyList<RunningServer<DirectoryServer.DirectoryServer>> _servers;
    private readonly IReadOnlyList<RedisRegistryStore> _stores;

    private SharedRedisServers(IReadOnlyList<RunningServer<DirectoryServer.DirectoryServer>> servers, IReadOnlyList<RedisRegistryStore> stores, bool perBucket)
    {
        _servers = servers;
        _stores = stores;
        BucketOf = perBucket ? stores[0].BucketOf : null;
    }

    public TransportEndPoint EndPoint => _servers[0].EndPoint;

    public IReadOnlyList<TransportEndPoint> EndPoints => [.. _servers.Select(s => s.EndPoint)];

    public Func<string, int>? BucketOf { get; }

    /// <summary>
    /// Starts <paramref name="count"/> servers on the Redis at <paramref name="redis"/>, users in
    /// <paramref name="buckets"/> buckets; <paramref name="perBucket"/> for a cluster, whose reads across buckets
    /// are checked per bucket.
    /// </summary>
    public static ServerFactory Factory(IReadOnlyList<DnsEndPoint> redis, int count, int buckets = 16, bool perBucket = false) => async (transport, bindAt, encoding) =>
    {
        var options = new RedisStoreOptions { KeyPrefix = $"h{Guid.NewGuid():N}"[..12], Buckets = buckets };
        var stores = new List<RedisRegistryStore>();
        var servers = new List<RunningServer<DirectoryServer.DirectoryServer>>();
        for (var i = 0; i < count; i++)
        {
            var store = await RedisRegistryStore.ConnectAsync(redis, options);
            stores.Add(store);
            servers.Add(await DirectoryServerHost.StartAsync(
                transport, bindAt, new DirectoryServerOptions { ResultEncoding = encoding }, registry: store));
        }

        return new SharedRedisServers(servers, stores, perBucket);
    };

    public ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync() => _stores[0].SnapshotAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }
}
