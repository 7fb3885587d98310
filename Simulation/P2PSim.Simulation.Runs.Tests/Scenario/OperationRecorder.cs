using P2PSim.DirectoryServer;

namespace P2PSim.Simulation.Runs.Tests.Scenario;

/// <summary>Every operation the directory server handled, in the order it reported them (the log sink's order).</summary>
internal sealed class OperationRecorder : IOperationSink
{
    private readonly object _gate = new();
    private readonly List<OperationRecord> _records = [];

    public IReadOnlyList<OperationRecord> Records
    {
        get
        {
            lock (_gate)
            {
                return [.. _records];
            }
        }
    }

    public void OnOperation(OperationRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }
}
