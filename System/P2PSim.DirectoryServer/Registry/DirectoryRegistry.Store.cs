using P2PSim.DirectoryServer.Accounts;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// The in-memory registry as a store: the default one (nothing outlives the process), and the state machine the
/// durable store keeps in memory. Every call completes synchronously.
/// </summary>
public sealed partial class DirectoryRegistry : IRegistryStore
{
    /// <summary>A registry that starts empty has no orphans to adopt.</summary>
    IReadOnlyList<OrphanedUser> IRegistryStore.OrphanedAtOpen => [];

    /// <summary>No other server shares the memory store.</summary>
    TimeSpan IRegistryStore.OrphanCollection => Timeout.InfiniteTimeSpan;

    ValueTask<IReadOnlyList<OrphanedUser>> IRegistryStore.CollectOrphansAsync() => ValueTask.FromResult<IReadOnlyList<OrphanedUser>>([]);

    /// <inheritdoc/>
    ValueTask<IReadOnlyList<RegisteredUser>> IRegistryStore.SnapshotAsync() => new(Snapshot());

    ValueTask<long> IRegistryStore.NewSessionAsync() => ValueTask.FromResult(NewSession());

    ValueTask<RegistryStatus> IRegistryStore.RegisterAsync(string user) => ValueTask.FromResult(Register(user));

    ValueTask<RegistryResult<long>> IRegistryStore.CreateAccountAsync(string user, PasswordHash password)
    {
        var status = CreateAccount(user, password, out var account);
        return ValueTask.FromResult(new RegistryResult<long>(status, account));
    }

    ValueTask<StoredAccount?> IRegistryStore.FindAccountAsync(string user) =>
        ValueTask.FromResult(TryGetAccount(user, out var password, out var account) ? new StoredAccount(password!, account) : null);

    ValueTask<bool> IRegistryStore.IsRegisteredAsync(string user) => ValueTask.FromResult(IsRegistered(user));

    ValueTask<RegistryStatus> IRegistryStore.UnregisterAsync(string user, Caller caller) => ValueTask.FromResult(Unregister(user, caller));

    ValueTask<RegistryStatus> IRegistryStore.ConnectAsync(string user, string ip, int port, Caller caller) =>
        ValueTask.FromResult(Connect(user, ip, port, caller));

    ValueTask<RegistryStatus> IRegistryStore.DisconnectAsync(string user, Caller caller) => ValueTask.FromResult(Disconnect(user, caller));

    ValueTask<bool> IRegistryStore.OrphanAsync(string user, long session) => ValueTask.FromResult(Orphan(user, session));

    ValueTask<bool> IRegistryStore.ExpireAsync(string user, long session) => ValueTask.FromResult(Expire(user, session));

    ValueTask<RegistryStatus> IRegistryStore.PublishAsync(string user, string fileName, string description, Caller caller) =>
        ValueTask.FromResult(Publish(user, fileName, description, caller));

    ValueTask<RegistryStatus> IRegistryStore.DeleteAsync(string user, string fileName, Caller caller) =>
        ValueTask.FromResult(Delete(user, fileName, caller));

    ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> IRegistryStore.ListUsersAsync(string user, Caller caller)
    {
        var status = ListUsers(user, out var users, caller);
        return ValueTask.FromResult(new RegistryResult<IReadOnlyList<UserEntry>>(status, users));
    }

    ValueTask<RegistryResult<IReadOnlyList<ContentEntry>>> IRegistryStore.ListContentAsync(string user, string remoteUser, Caller caller)
    {
        var status = ListContent(user, remoteUser, out var files, caller);
        return ValueTask.FromResult(new RegistryResult<IReadOnlyList<ContentEntry>>(status, files));
    }

    ValueTask<RegistryResult<IReadOnlyList<UserEntry>>> IRegistryStore.FindSourcesAsync(string user, string fileName, Caller caller)
    {
        var status = FindSources(user, fileName, out var sources, caller);
        return ValueTask.FromResult(new RegistryResult<IReadOnlyList<UserEntry>>(status, sources));
    }

    ValueTask<RegistryResult<IReadOnlyList<SearchHit>>> IRegistryStore.SearchAsync(string text, int maxResults, string? user, Caller caller)
    {
        var status = Search(text, maxResults, out var hits, user, caller);
        return ValueTask.FromResult(new RegistryResult<IReadOnlyList<SearchHit>>(status, hits));
    }
}
