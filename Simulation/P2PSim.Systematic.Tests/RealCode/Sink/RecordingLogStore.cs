using Microsoft.Coyote.Specifications;
using P2PSim.LogService;
using P2PSim.Rpc;

namespace P2PSim.Systematic.Tests.RealCode.Sink;

/// <summary>
/// The log service's store in memory, telling <see cref="DeliveryMonitor"/> of every entry it receives (duplicates
/// included, before it drops them as the real store does) and completing <see cref="AllDelivered"/> once every
/// expected entry is stored.
/// </summary>
internal sealed class RecordingLogStore(int expected) : ILogStore
{
    private readonly object _gate = new();
    private readonly List<LogEntry> _entries = [];
    private readonly HashSet<ulong> _seen = [];
    private readonly TaskCompletionSource _allDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when <c>expected</c> distinct entries are stored; only the sink's own sending completes it.</summary>
    public Task AllDelivered => _allDelivered.Task;

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
        var added = 0;
        bool all;
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                Specification.Monitor<DeliveryMonitor>(new DeliveryMonitor.Delivered(entry.Sequence));
                if (_seen.Add(entry.Sequence))
                {
                    _entries.Add(entry);
                    added++;
                }
            }

            all = _entries.Count >= expected;
        }

        if (all)
        {
            _allDelivered.TrySetResult();
        }

        return added;
    }
}
