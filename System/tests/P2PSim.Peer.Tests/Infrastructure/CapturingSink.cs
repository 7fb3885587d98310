using P2PSim.DirectoryServer;

namespace P2PSim.Peer.Tests.Infrastructure;

/// <summary>Records every operation the server handled, to see what the client actually sent.</summary>
internal sealed class CapturingSink : IOperationSink
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
