using P2PSim.LogService;
using P2PSim.Rpc;

namespace P2PSim.Fuzzing;

/// <summary>A log store that keeps nothing: the rpc-call target fuzzes the dispatcher, not the disk.</summary>
internal sealed class DiscardingLogStore : ILogStore
{
    public int Append(IReadOnlyList<LogEntry> entries) => entries.Count;
}
