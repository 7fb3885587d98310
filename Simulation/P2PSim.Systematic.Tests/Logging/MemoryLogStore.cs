using P2PSim.LogService;
using P2PSim.Rpc;

namespace P2PSim.Systematic.Tests.Logging;

/// <summary>
/// The log service's store kept in memory, so it survives a simulated service restart the way the durable file
/// does. Like <c>LogStore</c> it drops an entry whose (sender, sequence) it has already logged; built with
/// <c>dedupe: false</c> it is the planted bug that logs a retried batch twice.
/// </summary>
internal sealed class MemoryLogStore(bool dedupe = true) : ILogStore
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly HashSet<(string Sender, ulong Sequence)> _seen = [];

    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public int Append(IReadOnlyList<LogEntry> entries)
    {
        lock (_gate)
        {
            var added = 0;
            foreach (var entry in entries)
            {
                if (_seen.Add((entry.Sender, entry.Sequence)) || !dedupe)
                {
                    _entries.Add(entry);
                    added++;
                }
            }

            return added;
        }
    }
}
