using System.Collections.ObjectModel;
using P2PSim.DirectoryServer.Accounts;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// The in-memory directory: registered users, their connected state and address, and the files they publish.
/// Every method is one atomic step under the reader/writer lock: checks and changes happen in the same critical
/// section (no check-then-act across two), and lists are copied out under the read lock so replies are written
/// without holding it. The LIST_USERS list is copied once per change to the connected users and shared, read-only,
/// until the next one. An optional <see cref="IRegistryObserver"/> is told of every change from inside its critical
/// section (tests assert there that the write lock is held). A user may be an account with a password
/// (<see cref="CreateAccount"/>): then only a <see cref="Caller"/> logged in as it may act as it, checked in the same
/// critical section as the operation, so no request slips in between an account's creation and its protection.
/// </summary>
public sealed partial class DirectoryRegistry(IReaderWriterLock? rwLock = null, IRegistryObserver? observer = null)
{
    private readonly IReaderWriterLock _lock = rwLock ?? new MonitorReaderWriterLock();
    private readonly Dictionary<string, UserRecord> _users = new(StringComparer.Ordinal);
    private long _lastAccount;
    private long _lastSession;

    // LIST_USERS' answer, kept until the set of connected users or their addresses change (CONNECT, DISCONNECT,
    // UNREGISTER). Built under the read lock, so no writer runs meanwhile; two readers may both build it and store
    // equal lists, which is harmless. Callers get the same read-only instance, so a server can recognise a list it
    // has already encoded.
    private IReadOnlyList<UserEntry>? _connected;

    /// <summary>
    /// A number for a new session (docs/sessions.md §7), unique for the registry's lifetime, never 0 (a classic
    /// connection's): servers that share the registry share the numbering.
    /// </summary>
    public long NewSession() => Interlocked.Increment(ref _lastSession);

    /// <summary>
    /// The durable store's journal (docs/registry-stores.md): told of every change inside the write lock, so its
    /// order is the order the lock gave the changes; null for the in-memory store.
    /// </summary>
    internal JournalWriter? Journal { get; set; }

    /// <summary>REGISTER: adds a user, disconnected and with no files.</summary>
    public RegistryStatus Register(string user)
    {
        using (_lock.Write())
        {
            if (!_users.TryAdd(user, new UserRecord(user)))
            {
                return RegistryStatus.AlreadyRegistered;
            }

            Journal?.Append(RegistryRecord.Registered(user));
            observer?.Changed(RegistryChange.Registered, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// ACCOUNT: adds a user, like REGISTER, protected by <paramref name="password"/>; <paramref name="account"/> is
    /// its new number, for the caller that now owns it.
    /// </summary>
    public RegistryStatus CreateAccount(string user, PasswordHash password, out long account)
    {
        using (_lock.Write())
        {
            account = 0;
            if (_users.ContainsKey(user))
            {
                return RegistryStatus.AlreadyRegistered;
            }

            account = ++_lastAccount;
            _users.Add(user, new UserRecord(user, password, account));
            Journal?.Append(RegistryRecord.AccountCreated(user, password, account));
            observer?.Changed(RegistryChange.Registered, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>LOGIN's lookup: the password hash and number of <paramref name="user"/>'s account; false when it is no account.</summary>
    public bool TryGetAccount(string user, out PasswordHash? password, out long account)
    {
        using (_lock.Read())
        {
            var found = _users.TryGetValue(user, out var record) && record.Password is not null;
            password = found ? record!.Password : null;
            account = found ? record!.Account : 0;
            return found;
        }
    }

    /// <summary>True when <paramref name="user"/> is registered, with a password or without.</summary>
    public bool IsRegistered(string user)
    {
        using (_lock.Read())
        {
            return _users.ContainsKey(user);
        }
    }

    /// <summary>UNREGISTER: removes a user and everything it published (and its account, if it has one).</summary>
    public RegistryStatus Unregister(string user, Caller caller = default)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var found))
            {
                return RegistryStatus.NoSuchUser;
            }

            if (!found.Admits(caller))
            {
                return RegistryStatus.Forbidden;
            }

            _users.Remove(user, out var removed);
            if (removed!.Connected)

            {
                _connected = null;
            }

            Journal?.Append(RegistryRecord.Unregistered(user));
            observer?.Changed(RegistryChange.Unregistered, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// CONNECT: records the address where the user's peer serves files, and the caller's session, whose loss the
    /// user's presence then follows (docs/sessions.md §7). A connected user is taken over, not refused, by a session
    /// that may resume it: see <see cref="MayResume"/>.
    /// </summary>
    public RegistryStatus Connect(string user, string ip, int port, Caller caller = default)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var record))
            {
                return RegistryStatus.NoSuchUser;
            }

            if (!record.Admits(caller))
            {
                return RegistryStatus.Forbidden;
            }

            var resumed = record.Connected;
            if (resumed && !MayResume(record, caller))
            {
                return RegistryStatus.AlreadyConnected;
            }

            record.Connected = true;
            record.Ip = ip;
            record.Port = port;
            record.Session = caller.Session;
            record.Orphaned = false;
            _connected = null;
            Journal?.Append(RegistryRecord.Connected(user, ip, port, caller.Session));
            observer?.Changed(resumed ? RegistryChange.Resumed : RegistryChange.Connected, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>DISCONNECT: the user's files stay published.</summary>
    public RegistryStatus Disconnect(string user, Caller caller = default)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var record))
            {
                return RegistryStatus.NoSuchUser;
            }

            if (!record.Admits(caller))
            {
                return RegistryStatus.Forbidden;
            }

            if (!record.Connected)
            {
                return RegistryStatus.NotConnected;
            }

            Clear(record);
            Journal?.Append(RegistryRecord.Disconnected(user));
            observer?.Changed(RegistryChange.Disconnected, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// The user's session <paramref name="session"/> was lost: marks the user orphaned (still connected, resumable)
    /// if that session's CONNECT is what made it connected. False when it is not (the user disconnected, or
    /// connected again elsewhere, meanwhile): then the loss changes nothing.
    /// </summary>
    public bool Orphan(string user, long session)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var record) || !record.Connected || record.Session != session || session == 0)
            {
                return false;
            }

            record.Orphaned = true;
            Journal?.Append(RegistryRecord.Orphaned(user));
            observer?.Changed(RegistryChange.Orphaned, user);
            return true;
        }
    }

    /// <summary>
    /// The grace period of the user orphaned by <paramref name="session"/> ran out: disconnects it, as DISCONNECT
    /// would, unless it was resumed or disconnected meanwhile (checked here, in the same critical section). True
    /// when it disconnected the user.
    /// </summary>
    public bool Expire(string user, long session)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var record) || !record.Orphaned || record.Session != session)
            {
                return false;
            }

            Clear(record);
            Journal?.Append(RegistryRecord.Disconnected(user));
            observer?.Changed(RegistryChange.Expired, user);
            return true;
        }
    }

    /// <summary>PUBLISH: a connected user announces a file; the same name may be published by other users.</summary>
    public RegistryStatus Publish(string user, string fileName, string description, Caller caller = default)
    {
        using (_lock.Write())
        {
            var status = CheckConnected(user, caller, out var record);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            if (!record!.Files.TryAdd(fileName, description))
            {
                return RegistryStatus.AlreadyPublished;
            }

            Journal?.Append(RegistryRecord.Published(user, fileName, description));
            observer?.Changed(RegistryChange.Published, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>DELETE: a connected user withdraws one of its files.</summary>
    public RegistryStatus Delete(string user, string fileName, Caller caller = default)
    {
        using (_lock.Write())
        {
            var status = CheckConnected(user, caller, out var record);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            if (!record!.Files.Remove(fileName))
            {
                return RegistryStatus.NotPublished;
            }

            Journal?.Append(RegistryRecord.Deleted(user, fileName));
            observer?.Changed(RegistryChange.Deleted, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// LIST_USERS: the connected users, for a connected caller. The list is read-only and the same instance for
    /// every caller until the connected users change.
    /// </summary>
    public RegistryStatus ListUsers(string user, out IReadOnlyList<UserEntry> users, Caller caller = default)
    {
        users = [];
        using (_lock.Read())
        {
            var status = CheckConnected(user, caller, out _);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            users = _connected ??= ConnectedUsers();
            return RegistryStatus.Ok;
        }
    }

    /// <summary>LIST_CONTENT: a registered remote user's files (connected or not), for a connected caller.</summary>
    public RegistryStatus ListContent(string user, string remoteUser, out IReadOnlyList<ContentEntry> files, Caller caller = default)
    {
        files = [];
        using (_lock.Read())
        {
            var status = CheckConnected(user, caller, out _);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            if (!_users.TryGetValue(remoteUser, out var remote))
            {
                return RegistryStatus.NoSuchRemoteUser;
            }

            files = [.. remote.Files.Select(f => new ContentEntry(f.Key, f.Value))];
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// FIND_SOURCES: the connected users other than the caller that publish <paramref name="fileName"/>. A read-only
    /// query anyone may make (scripts fetch files without joining the directory); the caller's name only keeps its
    /// own entry out. A disconnected publisher is no source: there is no address to fetch from. Only a caller who
    /// names a password-protected user without owning it is refused.
    /// </summary>
    public RegistryStatus FindSources(string user, string fileName, out IReadOnlyList<UserEntry> sources, Caller caller = default)
    {
        using (_lock.Read())
        {
            sources = [];
            if (_users.TryGetValue(user, out var named) && !named.Admits(caller))
            {
                return RegistryStatus.Forbidden;
            }

            var found = new List<UserEntry>();
            foreach (var record in _users.Values)
            {
                if (record.Connected && record.Name != user && record.Files.ContainsKey(fileName))
                {
                    found.Add(new UserEntry(record.Name, record.Ip, record.Port));
                }
            }

            sources = found;
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// SEARCH: files of connected users whose name or description contains <paramref name="text"/> (ignoring case),
    /// at most <paramref name="maxResults"/>. A read-only query anyone may make, like FIND_SOURCES; only a caller
    /// who names (as <paramref name="user"/>) a password-protected user without owning it is refused.
    /// </summary>
    public RegistryStatus Search(string text, int maxResults, out IReadOnlyList<SearchHit> hits, string? user = null, Caller caller = default)
    {
        using (_lock.Read())
        {
            hits = [];
            if (user is not null && _users.TryGetValue(user, out var named) && !named.Admits(caller))
            {
                return RegistryStatus.Forbidden;
            }

            var found = new List<SearchHit>();
            foreach (var record in _users.Values)
            {
                if (!record.Connected)
                {
                    continue;
                }

                foreach (var (fileName, description) in record.Files)
                {
                    if (found.Count == maxResults)
                    {
                        hits = found;
                        return RegistryStatus.Ok;
                    }

                    if (fileName.Contains(text, StringComparison.OrdinalIgnoreCase) ||
                        description.Contains(text, StringComparison.OrdinalIgnoreCase))
                    {
                        found.Add(new SearchHit(record.Name, fileName, description));
                    }
                }
            }

            hits = found;
            return RegistryStatus.Ok;
        }
    }

    /// <summary>A consistent copy of the whole registry, for invariant checks and diagnostics.</summary>
    public IReadOnlyList<RegisteredUser> Snapshot()
    {
        using (_lock.Read())
        {
            return [.. _users.Values.Select(u => new RegisteredUser(
                u.Name, u.Connected, u.Ip, u.Port, [.. u.Files.Select(f => new ContentEntry(f.Key, f.Value))], u.Password is not null))];
        }
    }

    /// <summary>
    /// Whether <paramref name="caller"/>'s CONNECT may take over the presence of the connected
    /// <paramref name="record"/> instead of being refused: only from a session other than the one it is connected
    /// on, and only when that one is lost (orphaned, in its grace period) or the caller owns the account (its owner
    /// may move to a new session before the server notices that the old one is gone, as after a network cut).
    /// </summary>
    private static bool MayResume(UserRecord record, Caller caller) =>
        caller.Session != 0 &&
        caller.Session != record.Session &&
        (record.Orphaned || (record.Password is not null && caller.Account == record.Account));

    private void Clear(UserRecord record)
    {
        record.Connected = false;
        record.Ip = string.Empty;
        record.Port = 0;
        record.Session = 0;
        record.Orphaned = false;
        _connected = null;
    }

    private ReadOnlyCollection<UserEntry> ConnectedUsers()
    {
        var connected = new List<UserEntry>();
        foreach (var record in _users.Values)
        {
            if (record.Connected)
            {
                connected.Add(new UserEntry(record.Name, record.Ip, record.Port));
            }
        }

        return connected.AsReadOnly();
    }

    private RegistryStatus CheckConnected(string user, Caller caller, out UserRecord? record)
    {
        if (!_users.TryGetValue(user, out record))
        {
            return RegistryStatus.NoSuchUser;
        }

        if (!record.Admits(caller))
        {
            return RegistryStatus.Forbidden;
        }

        return record.Connected ? RegistryStatus.Ok : RegistryStatus.NotConnected;
    }
}
