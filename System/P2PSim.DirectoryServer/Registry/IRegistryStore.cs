using P2PSim.DirectoryServer.Accounts;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// Where the directory's state lives: the seam every server component reaches the registry through
/// (docs/registry-stores.md). Each operation is one atomic step of the store, checks and change together, so no
/// check-then-act race is possible between the clients of one server or the servers sharing one store. Every
/// store answers every operation exactly as the in-memory <see cref="DirectoryRegistry"/> does; they differ only in
/// what outlives the process. A writing operation completes only once its change is as durable as the store
/// promises (fsync'ed for the durable store), so an answered operation is never lost.
/// </summary>
public interface IRegistryStore
{
    /// <summary>
    /// Users this store found connected over a session when it opened: that session died with the process that
    /// served it, so the store marked them orphaned, and the server starts their grace periods (docs/sessions.md
    /// §7): their peers resume them on the new server, or they expire. Empty for a store that starts empty.
    /// </summary>
    IReadOnlyList<OrphanedUser> OrphanedAtOpen { get; }

    /// <summary>
    /// How often the server should call <see cref="CollectOrphansAsync"/>; <see cref="Timeout.InfiniteTimeSpan"/>
    /// for a store no other server shares, where only this server's own sessions can be lost.
    /// </summary>
    TimeSpan OrphanCollection { get; }

    /// <summary>
    /// Users connected over sessions of another server that has died (its liveness lapsed), now orphaned and
    /// handed to this server, which starts their grace periods. Each is handed to one server only.
    /// </summary>
    ValueTask<IReadOnlyList<OrphanedUser>> CollectOrphansAsync();

    /// <summary>A number for a new session, unique among every server sharing the store, never 0.</summary>
    ValueTask<long> NewSessionAsync();

    /// <summary>REGISTER: adds a user, disconnected and with no files.</summary>
    ValueTask<RegistryStatus> RegisterAsync(string user);

    /// <summary>ACCOUNT: adds a user protected by <paramref name="password"/>; the value is the new account's number.</summary>
    ValueTask<RegistryResult<long>> CreateAccountAsync(string user, PasswordHash password);

    /// <summary>LOGIN's lookup: the account <paramref name="user"/> is, or null when it is no account.</summary>
    ValueTask<StoredAccount?> FindAccountAsync(string user);

    /// <summary>True when <paramref name="user"/> is registered, with a password or without.</summary>
    ValueTask<bool> IsRegisteredAsync(string user);

    /// <summary>UNREGISTER: removes a user, its files and its account.</summary>
    ValueTask<RegistryStatus> UnregisterAsync(string user, Caller caller);

    /// <summary>CONNECT: records the user's serving address and the caller's session (docs/sessions.md §7).</summary>
    ValueTask<RegistryStatus> ConnectAsync(string user, string ip, int port, Caller caller);

    /// <summary>DISCONNECT: the user's files stay published.</summary>
    ValueTask<RegistryStatus> DisconnectAsync(string user, Caller caller);

    /// <summary>Session <paramref name="session"/> was lost: orphans the user if that session connected it.</summary>
    ValueTask<bool> OrphanAsync(string user, long session);

    /// <summary>The grace period of the user orphaned by <paramref name="session"/> ran out: disconnects it unless resumed.</summary>
    ValueTask<bool> ExpireAsync(string user, long session);

    /// <summary>PUBLISH: a connected user announces a file.</summary>
    ValueTask<RegistryStatus> PublishAsync(string user, string fileName, string description, Caller caller);

    /// <summary>DELETE: a connected user withdraws one of its files.</summary>
    ValueTask<RegistryStatus> DeleteAsync(string user, string fileName, Caller caller);

    /// <summary>LIST_USERS: the connected users, for a connected caller.</summary>
    ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> ListUsersAsync(string user, Caller caller);

    /// <summary>LIST_CONTENT: a registered remote user's files, for a connected caller.</summary>
    ValueTask<RegistryResult<IReadOnlyList<ContentEntry>>> ListContentAsync(string user, string remoteUser, Caller caller);

    /// <summary>FIND_SOURCES: the connected users other than <paramref name="user"/> that publish <paramref name="fileName"/>.</summary>
    ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> FindSourcesAsync(string user, string fileName, Caller caller);

    /// <summary>SEARCH: files of connected users whose name or description contains <paramref name="text"/>.</summary>
    ValueTask<RegistryResult<IReadOnlyList<SearchHit>>> SearchAsync(string text, int maxResults, string? user, Caller caller);

    /// <summary>
    /// A copy of the whole registry, for invariant checks, tests and diagnostics, never on a request's path
    /// (a remote store reads every key of the registry for it).
    /// </summary>
    ValueTask<IReadOnlyList<RegisteredUser>> SnapshotAsync();
}
