using P2PSim.Rpc;

namespace P2PSim.LogService.Tests;

/// <summary>An <see cref="ILogStore"/> that records what it is given, or fails on demand.</summary>
internal sealed class MemoryLogStore : ILogStore
{
    private readonly object _gate = new();

    public List<LogEntry> Entries { get; } = [];

    public Exception? Failure { get; set; }

    public int Append(IReadOnlyList<LogEntry> entries)
    {
        lock (_gate)
        {
            if (Failure is not null)
            {
                throw Failure;
            }

            Entries.AddRange(entries);
            return entries.Count;
        }
    }
}
