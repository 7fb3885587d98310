namespace P2PSim.DirectoryServer.Registry;

/// <summary>
/// Many readers or one writer. An interface so that tests can substitute deliberately broken locks and prove the
/// harness catches them; the product uses <see cref="MonitorReaderWriterLock"/>.
/// </summary>
public interface IReaderWriterLock
{
    /// <summary>Blocks until no writer holds or waits for the lock, then holds it shared.</summary>
    void EnterRead();

    /// <summary>Releases a shared hold.</summary>
    void ExitRead();

    /// <summary>Blocks until nobody holds the lock, then holds it exclusively.</summary>
    void EnterWrite();

    /// <summary>Releases the exclusive hold.</summary>
    void ExitWrite();

    /// <summary>
    /// Whether a writer holds the lock now. For assertions (a registry change must happen under the write lock), not
    /// for deciding what to do: the answer may be stale by the time the caller reads it, unless the caller is that
    /// writer.
    /// </summary>
    bool IsWriteHeld { get; }
}

/// <summary>Scopes for <c>using</c>: <c>using (rw.Read()) { … }</c>.</summary>
public static class ReaderWriterLockScopes
{
    /// <summary>Holds the lock shared until disposed.</summary>
    public static ReadScope Read(this IReaderWriterLock rwLock)
    {
        rwLock.EnterRead();
        return new ReadScope(rwLock);
    }

    /// <summary>Holds the lock exclusively until disposed.</summary>
    public static WriteScope Write(this IReaderWriterLock rwLock)
    {
        rwLock.EnterWrite();
        return new WriteScope(rwLock);
    }

    /// <summary>A shared hold.</summary>
    public readonly struct ReadScope(IReaderWriterLock rwLock) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => rwLock.ExitRead();
    }

    /// <summary>An exclusive hold.</summary>
    public readonly struct WriteScope(IReaderWriterLock rwLock) : IDisposable
    {
        /// <inheritdoc/>
        public void Dispose() => rwLock.ExitWrite();
    }
}
