namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The end of the last journal that recovery cut off: <paramref name="Length"/> bytes from byte
/// <paramref name="Offset"/> of generation <paramref name="Generation"/>'s file, because they were an
/// <see cref="RegistryDecodeStatus.Incomplete"/> (truncated) or <see cref="RegistryDecodeStatus.Corrupt"/> frame.
/// A write the crash cut short; nothing in it was reported durable, since it was never fsynced whole.
/// </summary>
public readonly record struct DiscardedTail(long Generation, long Offset, long Length, RegistryDecodeStatus Reason);
