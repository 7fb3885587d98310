using P2PSim.DirectoryServer;

namespace P2PSim.TestKit;

/// <summary>
/// Records every operation the directory server handled, in the order it reported them (the log sink's order), to
/// see what clients actually sent.
/// </summary>
public sealed class RecordingOperationSink : IOperationSink
{
    private readonly object _gate = new();
    private readonly List<OperationRecord> _records = [];

    /// <summary>A copy of what was recorded so far.</summary>
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

    /// <inheritdoc />
    public void OnOperation(OperationRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }
}
