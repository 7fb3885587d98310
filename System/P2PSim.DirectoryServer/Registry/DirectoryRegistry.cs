using System.Collections.ObjectModel;
using P2PSim.Protocol.Messages;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// The in-memory directory: registered users, their connected state and address, and the files they publish.
/// Every method is one atomic step under the reader/writer lock: checks and changes happen in the same critical
/// section (no check-then-act across two), and lists are copied out under the read lock so replies are written
/// without holding it. The LIST_USERS list is copied once per change to the connected users and shared, read-only,
/// until the next one. An optional <see cref="IRegistryObserver"/> is told of every change from inside its critical
/// section (tests assert there that the write lock is held).
/// </summary>
public sealed class DirectoryRegistry(IReaderWriterLock? rwLock = null, IRegistryObserver? observer = null)
{
    private readonly IReaderWriterLock _lock = rwLock ?? new MonitorReaderWriterLock();
    private readonly Dictionary<string, UserRecord> _users = new(StringComparer.Ordinal);

    // LIST_USERS' answer, kept until the set of connected users or their addresses change (CONNECT, DISCONNECT,
    // UNREGISTER). Built under the read lock, so no writer runs meanwhile; two readers may both build it and store
    // equal lists, which is harmless. Callers get the same read-only instance, so a server can recognise a list it
    // has already encoded.
    private IReadOnlyList<UserEntry>? _connected;

    /// <summary>REGISTER: adds a user, disconnected and with no files.</summary>
    public RegistryStatus Register(string user)
    {
        using (_lock.Write())
        {
            if (!_users.TryAdd(user, new UserRecord(user)))
            {
                return RegistryStatus.AlreadyRegistered;
            }

            observer?.Changed(RegistryChange.Registered, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>UNREGISTER: removes a user and everything it published.</summary>
    public RegistryStatus Unregister(string user)
    {
        using (_lock.Write())
        {
            if (!_users.Remove(user, out var removed))
            {
                return RegistryStatus.NoSuchUser;
            }

            if (removed.Connected)
            {
                _connected = null;
            }

            observer?.Changed(RegistryChange.Unregistered, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>CONNECT: records the address where the user's peer serves files.</summary>
    public RegistryStatus Connect(string user, string ip, int port)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var record))
            {
                return RegistryStatus.NoSuchUser;
            }

            if (record.Connected)
            {
                return RegistryStatus.AlreadyConnected;
            }

            record.Connected = true;
            record.Ip = ip;
            record.Port = port;
            _connected = null;
            observer?.Changed(RegistryChange.Connected, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>DISCONNECT: the user's files stay published.</summary>
    public RegistryStatus Disconnect(string user)
    {
        using (_lock.Write())
        {
            if (!_users.TryGetValue(user, out var record))
            {
                return RegistryStatus.NoSuchUser;
            }

            if (!record.Connected)
            {
                return RegistryStatus.NotConnected;
            }

            record.Connected = false;
            record.Ip = string.Empty;
            record.Port = 0;
            _connected = null;
            observer?.Changed(RegistryChange.Disconnected, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>PUBLISH: a connected user announces a file; the same name may be published by other users.</summary>
    public RegistryStatus Publish(string user, string fileName, string description)
    {
        using (_lock.Write())
        {
            var status = CheckConnected(user, out var record);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            if (!record!.Files.TryAdd(fileName, description))
            {
                return RegistryStatus.AlreadyPublished;
            }

            observer?.Changed(RegistryChange.Published, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>DELETE: a connected user withdraws one of its files.</summary>
    public RegistryStatus Delete(string user, string fileName)
    {
        using (_lock.Write())
        {
            var status = CheckConnected(user, out var record);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            if (!record!.Files.Remove(fileName))
            {
                return RegistryStatus.NotPublished;
            }

            observer?.Changed(RegistryChange.Deleted, user);
            return RegistryStatus.Ok;
        }
    }

    /// <summary>
    /// LIST_USERS: the connected users, for a connected caller. The list is read-only and the same instance for
    /// every caller until the connected users change.
    /// </summary>
    public RegistryStatus ListUsers(string user, out IReadOnlyList<UserEntry> users)
    {
        users = [];
        using (_lock.Read())
        {
            var status = CheckConnected(user, out _);
            if (status != RegistryStatus.Ok)
            {
                return status;
            }

            users = _connected ??= ConnectedUsers();
            return RegistryStatus.Ok;
        }
    }

    /// <summary>LIST_CONTENT: a registered remote user's files (connected or not), for a connected caller.</summary>
    public RegistryStatus ListContent(string user, string remoteUser, out IReadOnlyList<ContentEntry> files)
    {
        files = [];
        using (_lock.Read())
        {
            var status = CheckConnected(user, out _);
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
    /// own entry out. A disconnected publisher is no source: there is no address to fetch from.
    /// </summary>
    public RegistryStatus FindSources(string user, string fileName, out IReadOnlyList<UserEntry> sources)
    {
        using (_lock.Read())
        {
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
    /// at most <paramref name="maxResults"/>. A read-only query anyone may make, like FIND_SOURCES.
    /// </summary>
    public RegistryStatus Search(string text, int maxResults, out IReadOnlyList<SearchHit> hits)
    {
        using (_lock.Read())
        {
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
                u.Name, u.Connected, u.Ip, u.Port, [.. u.Files.Select(f => new ContentEntry(f.Key, f.Value))]))];
        }
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

    private RegistryStatus CheckConnected(string user, out UserRecord? record)
    {
        if (!_users.TryGetValue(user, out record))
        {
            return RegistryStatus.NoSuchUser;
        }

        return record.Connected ? RegistryStatus.Ok : RegistryStatus.NotConnected;
    }
}
