using P2PSim.Rpc;

namespace P2PSim.LogService;

/// <summary>Where the log service puts the entries it receives.</summary>
public interface ILogStore
{
    /// <summary>
    /// Logs <paramref name="entries"/> in order, skipping ones already logged (same sender and sequence), and
    /// returns how many were new. Returns only once they are durable.
    /// </summary>
    /// <exception cref="IOException">The entries could not be stored; the caller should not acknowledge them.</exception>
    /// <exception cref="ObjectDisposedException">The store is closed.</exception>
    int Append(IReadOnlyList<LogEntry> entries);
}
