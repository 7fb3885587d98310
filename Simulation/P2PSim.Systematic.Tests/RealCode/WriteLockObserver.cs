using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Asserts, at every change the registry makes, that a writer holds its lock. With the real lock a reader and a
/// writer never hold it together, so a change made under the read lock (or none) fails here on any schedule, even
/// one where no other task happens to run beside it.
/// </summary>
internal sealed class WriteLockObserver(IReaderWriterLock rwLock) : IRegistryObserver
{
    private int _changes;

    /// <summary>Changes seen so far.</summary>
    public int Changes => Volatile.Read(ref _changes);

    public void Changed(RegistryChange change, string user)
    {
        Expect.That(rwLock.IsWriteHeld, $"registry change {change} of '{user}' made without the write lock");
        Interlocked.Increment(ref _changes);
    }
}
