using P2PSim.DirectoryServer;
using P2PSim.Protocol;

namespace P2PSim.Cli.Demo;

/// <summary>
/// The server's console line in the demo, written synchronously (before the reply goes out) so that it appears in
/// the transcript before the peer's result. The real server queues these lines instead.
/// </summary>
internal sealed class DemoServerConsole(TextWriter output) : IOperationSink
{
    public void OnOperation(OperationRecord record) =>
        output.WriteLine(TranscriptWriter.Label("server") + $"s> OPERATION {record.Operation.WireName()} FROM {record.User}" +
                         (record.Timestamp is { } stamp ? $"   (stamped {stamp})" : string.Empty));
}
