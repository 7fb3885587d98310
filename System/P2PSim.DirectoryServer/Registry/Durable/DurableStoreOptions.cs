namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>Tunables of the durable registry store (docs/registry-stores.md).</summary>
public sealed record DurableStoreOptions
{
    /// <summary>
    /// Journal records after which a snapshot is cut and older journals are deleted. Bounds both the disk the
    /// journal takes and what a restart replays beyond the snapshot.
    /// </summary>
    public long CompactAfterRecords { get; init; } = 250_000;

    /// <summary>What recovery may accept instead of refusing to open.</summary>
    public RecoveryOptions Recovery { get; init; } = new();

    /// <summary>The lock of the in-memory registry underneath (tests pass an instrumented one).</summary>
    public IReaderWriterLock? Lock { get; init; }

    /// <summary>Told of every change of the registry underneath (tests).</summary>
    public IRegistryObserver? Observer { get; init; }
}
