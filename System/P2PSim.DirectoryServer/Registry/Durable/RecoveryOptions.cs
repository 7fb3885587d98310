namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>What recovery may accept instead of refusing to start.</summary>
public sealed class RecoveryOptions
{
    /// <summary>
    /// Start although the snapshot is unreadable, or missing while journals after generation 0 exist: replay the
    /// journals present from the oldest one, losing whatever only the snapshot held (the journals it replaced
    /// were deleted). Off by default: an operator should look at the damage first.
    /// </summary>
    public bool AcceptSnapshotLoss { get; init; }
}
