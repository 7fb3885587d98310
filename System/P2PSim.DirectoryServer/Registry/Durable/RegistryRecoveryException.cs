namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The registry's durable state cannot be recovered without losing changes that were reported durable: an
/// unreadable snapshot, a missing journal generation, damage before the end of a journal that has a successor.
/// </summary>
public sealed class RegistryRecoveryException : Exception
{
    /// <summary>A recovery failure described by <paramref name="message"/>.</summary>
    public RegistryRecoveryException(string message)
        : base(message)
    {
    }
}
