namespace P2PSim.DirectoryServer;

/// <summary>Hands every operation to several sinks (the console line and the operation log, say), in order.</summary>
public sealed class CompositeOperationSink(params IOperationSink[] sinks) : IOperationSink
{
    /// <inheritdoc/>
    public void OnOperation(OperationRecord record)
    {
        foreach (var sink in sinks)
        {
            sink.OnOperation(record);
        }
    }
}
