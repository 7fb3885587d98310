using P2PSim.DirectoryServer.Registry;

namespace P2PSim.Systematic.Tests.RealCode;

/// <summary>
/// Who is inside a reader/writer lock. The writer count is a plain field on purpose: with memory-access race
/// checking every load and store of it is a scheduling point, so Coyote can run another task between a writer's
/// arrival and its check, which is where a lock that lets two in together shows. Readers share the lock, so they
/// count themselves with <see cref="Interlocked"/> (itself a scheduling point).
/// </summary>
internal sealed class LockOccupancy(IReaderWriterLock rwLock)
{
    private int _readers;
    private int _writers;

    public void Read()
    {
        rwLock.EnterRead();
        Interlocked.Increment(ref _readers);
        Expect.That(_writers == 0 && !rwLock.IsWriteHeld, $"a reader is inside beside {_writers} writer(s)");
        Interlocked.Decrement(ref _readers);
        rwLock.ExitRead();
    }

    public void Write()
    {
        rwLock.EnterWrite();
        _writers++;
        Expect.That(rwLock.IsWriteHeld, "a writer is inside but the lock says no writer holds it");
        var readers = Volatile.Read(ref _readers);
        Expect.That(_writers == 1 && readers == 0, $"a writer is inside beside {_writers - 1} writer(s) and {readers} reader(s)");
        _writers--;
        rwLock.ExitWrite();
    }
}
