namespace P2PSim.DirectoryServer.Registry.Redis;

/// <summary>Tunables of the Redis registry store (docs/registry-stores.md §4).</summary>
public sealed record RedisStoreOptions
{
    /// <summary>The first part of every key's hash tag: servers with the same prefix share one registry.</summary>
    public string KeyPrefix { get; init; } = "p2psim";

    /// <summary>
    /// Buckets users are spread over (a cluster spreads the buckets over its shards). Part of the layout: every
    /// server sharing the registry must use the same count.
    /// </summary>
    public int Buckets { get; init; } = 16;

    /// <summary>
    /// How long one Redis command may take before the operation fails with its "other error" code. While the
    /// connection is down commands fail at once (no backlog); this bounds a slow or stalled Redis, and is
    /// StackExchange.Redis's own default (2 s proved short on a loaded 2-core machine running clients, servers and
    /// Redis at once).
    /// </summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a server's liveness key lives unrefreshed (it refreshes it every third of this). Once it lapses,
    /// another server takes over the users of its sessions and starts their grace periods.
    /// </summary>
    public TimeSpan ServerLiveness { get; init; } = TimeSpan.FromSeconds(10);
}
