namespace P2PSim.LoadGen.Suite;

/// <summary>Which registry store an in-process directory server runs on (docs/registry-stores.md).</summary>
internal enum StoreKind
{
    /// <summary>The in-memory <c>DirectoryRegistry</c>: nothing outlives the process.</summary>
    Memory,

    /// <summary><c>DurableRegistryStore</c> in a folder of the suite's work directory: journal, group commit, snapshots.</summary>
    Durable,

    /// <summary><c>RedisRegistryStore</c> on a redis-server child: the registry servers share.</summary>
    Redis,
}
