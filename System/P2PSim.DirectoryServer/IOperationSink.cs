namespace P2PSim.DirectoryServer;

/// <summary>
/// Receives every handled operation. Called on the request path, so implementations must return at once and never
/// block or wait on I/O (queue the record and do the work elsewhere).
/// </summary>
public interface IOperationSink
{
    /// <summary>Records one handled operation.</summary>
    void OnOperation(OperationRecord record);
}
