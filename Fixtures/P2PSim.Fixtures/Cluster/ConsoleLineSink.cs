using P2PSim.DirectoryServer;
using P2PSim.Protocol;

namespace P2PSim.Fixtures.Cluster;

/// <summary>An in-process directory's console: the line <c>p2psim server</c> prints per operation, into the node's output.</summary>
internal sealed class ConsoleLineSink(NodeOutput output) : IOperationSink
{
    public void OnOperation(OperationRecord record) => output.Add($"s> OPERATION {record.Operation.WireName()} FROM {record.User}");
}
