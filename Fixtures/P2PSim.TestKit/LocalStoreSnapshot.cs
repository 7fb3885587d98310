using P2PSim.DirectoryServer.Registry;

namespace P2PSim.TestKit;

/// <summary>
/// The registry copy of a store that lives in this process (memory, durable), for synchronous checks such as a
/// Coyote scenario's assertions. Those stores answer <see cref="IRegistryStore.SnapshotAsync"/> at once; a remote
/// store (Redis) does not, and blocking a thread on its round trips is what starves a loaded test machine, so it
/// fails here with what to do instead.
/// </summary>
public static class LocalStoreSnapshot
{
    /// <summary>The store's registry; the store must answer without waiting (await SnapshotAsync otherwise).</summary>
    public static IReadOnlyList<RegisteredUser> Snapshot(this IRegistryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pending = store.SnapshotAsync();
        if (!pending.IsCompleted)
        {
            throw new InvalidOperationException(
                $"{store.GetType().Name} answers its snapshot asynchronously: await SnapshotAsync instead of blocking on it");
        }

        return pending.Result;
    }
}
