namespace P2PSim.DirectoryServer.Registry.Durable;

/// <summary>
/// The journal could not write or flush: the changes waiting for it were not made durable, and no later one can be.
/// The registry should stop accepting changes; restarting recovers what was durable.
/// </summary>
public sealed class JournalFaultedException : IOException
{
    /// <summary>A fault of the journal in <paramref name="location"/>, caused by <paramref name="cause"/>.</summary>
    public JournalFaultedException(string location, Exception cause)
        : base($"The registry journal in '{location}' failed ({cause.Message}); no further change can be made durable.", cause)
    {
        Location = location;
    }

    /// <summary>The journal's storage location (a directory).</summary>
    public string Location { get; }
}
