using P2PSim.DirectoryServer.Registry.Durable;

namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// What the durable store needs of the in-memory registry: replaying recovered records into it, and cutting a
/// snapshot that lines up exactly with a journal rotation.
/// </summary>
public sealed partial class DirectoryRegistry
{
    /// <summary>
    /// Replays one recovered change, as it was made: no checks (they passed when it was made), but a record that
    /// does not fit the state before it means the files on disk are not this registry's history.
    /// </summary>
    internal void Apply(in RegistryRecord record)
    {
        using (_lock.Write())
        {
            if (record.Kind is RegistryRecordKind.Registered or RegistryRecordKind.AccountCreated)
            {
                var added = record.Kind == RegistryRecordKind.Registered
                    ? new UserRecord(record.User)
                    : new UserRecord(record.User, record.Password, record.Account);
                if (!_users.TryAdd(record.User, added))
                {
                    throw Misfit(record, "the user is already registered");
                }

                _lastAccount = Math.Max(_lastAccount, record.Account);
                return;
            }

            if (!_users.TryGetValue(record.User, out var user))
            {
                throw Misfit(record, "the user is not registered");
            }

            switch (record.Kind)
            {
                case RegistryRecordKind.Unregistered:
                    _users.Remove(record.User);
                    break;
                case RegistryRecordKind.Connected:
                    user.Connected = true;
                    user.Ip = record.Ip;
                    user.Port = record.Port;
                    user.Session = record.Session;
                    user.Orphaned = false;
                    _lastSession = Math.Max(_lastSession, record.Session);
                    break;
                case RegistryRecordKind.Disconnected:
                    Clear(user);
                    break;
                case RegistryRecordKind.Orphaned:
                    user.Orphaned = true;
                    break;
                case RegistryRecordKind.Published:
                    user.Files[record.FileName] = record.Description;
                    break;
                case RegistryRecordKind.Deleted:
                    user.Files.Remove(record.FileName);
                    break;
                default:
                    throw Misfit(record, "its kind is unknown");
            }

            _connected = null;
        }
    }

    /// <summary>Continues the session and account numbering where the recovered registry left it.</summary>
    internal void ContinueNumbering(long lastSession, long lastAccount)
    {
        using (_lock.Write())
        {
            _lastSession = Math.Max(_lastSession, lastSession);
            _lastAccount = Math.Max(_lastAccount, lastAccount);
        }
    }

    /// <summary>
    /// Marks orphaned every user connected over a session (sessions do not outlive the process that served them)
    /// and returns them, for their grace periods. Classic connections carry no presence: those users stay connected.
    /// Journaled like any orphaning, so a crash before their grace runs out finds them orphaned again.
    /// </summary>
    internal IReadOnlyList<OrphanedUser> OrphanSessions()
    {
        using (_lock.Write())
        {
            var orphans = new List<OrphanedUser>();
            foreach (var user in _users.Values)
            {
                if (user.Connected && user.Session != 0)
                {
                    if (!user.Orphaned)
                    {
                        user.Orphaned = true;
                        Journal?.Append(RegistryRecord.Orphaned(user.Name));
                    }

                    orphans.Add(new OrphanedUser(user.Name, user.Session));
                }
            }

            return orphans;
        }
    }

    /// <summary>
    /// The whole registry as records, together with the journal's rotation, in one write-locked step: the snapshot
    /// stands for every change before the new generation, and the new generation's journal holds every change after.
    /// </summary>
    /// <returns>The snapshot, and the journal's last record number before the new generation.</returns>
    internal (RegistrySnapshot Snapshot, long CutAt) CutSnapshot(JournalWriter journal)
    {
        using (_lock.Write())
        {
            var cutAt = journal.Appended;
            var generation = journal.Rotate();
            var records = new List<RegistryRecord>(_users.Count * 2);
            foreach (var user in _users.Values)
            {
                RegistrySnapshot.AddUser(
                    records, user.Name, user.Password, user.Account, user.Connected, user.Ip, user.Port, user.Session, user.Orphaned, user.Files);
            }

            return (new RegistrySnapshot(generation, _lastSession, _lastAccount, records), cutAt);
        }
    }

    private static InvalidDataException Misfit(in RegistryRecord record, string why) =>
        new($"The journal's {record.Kind} record of '{record.User}' does not fit the registry before it: {why}.");
}
