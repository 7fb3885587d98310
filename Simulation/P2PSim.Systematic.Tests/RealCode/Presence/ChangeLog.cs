using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.RealCode.Presence;

/// <summary>
/// Every change the registry made, in the order it made them (each is told from inside its write-locked critical
/// section, so this order is the registry's own serial order), and a check that each was made under the write lock.
/// </summary>
internal sealed class ChangeLog(IReaderWriterLock rwLock) : IRegistryObserver
{
    private readonly WriteLockObserver _writeLock = new(rwLock);
    private readonly object _gate = new();
    private readonly List<(RegistryChange Change, string User)> _changes = [];

    /// <summary>Changes so far, for <see cref="Since"/>.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _changes.Count;
            }
        }
    }

    public void Changed(RegistryChange change, string user)
    {
        _writeLock.Changed(change, user);
        lock (_gate)
        {
            _changes.Add((change, user));
        }
    }

    /// <summary>The changes to <paramref name="user"/> after the first <paramref name="mark"/> changes, in order.</summary>
    public IReadOnlyList<RegistryChange> Since(int mark, string user)
    {
        lock (_gate)
        {
            return [.. _changes.Skip(mark).Where(c => c.User == user).Select(c => c.Change)];
        }
    }
}
