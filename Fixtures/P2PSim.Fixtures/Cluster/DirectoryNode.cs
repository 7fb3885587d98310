using System.Globalization;
using P2PSim.DirectoryServer;
using P2PSim.LogSink;

namespace P2PSim.Fixtures.Cluster;

/// <summary>The directory server as a cluster node: <see cref="DirectoryServerHost"/> in process, <c>p2psim server</c> as a process.</summary>
internal static class DirectoryNode
{
    /// <summary>Where operation log entries spill while the log service is away, in the node's data folder.</summary>
    private const string JournalFileName = "operations.journal";

    public static Func<NodeStart, Task<RunningNode>> Factory(NodeBackend backend, DirectoryNodeOptions options) =>
        backend == NodeBackend.InProcess ? start => InProcessAsync(start, options) : start => ProcessAsync(start, options);

    private static async Task<RunningNode> InProcessAsync(NodeStart start, DirectoryNodeOptions options)
    {
        var output = new NodeOutput();
        var loggers = new NodeLoggerFactory(output);

        // The node's transport carries the operation log too, so a crash or a partition cuts it like the rest.
        var operationLog = options.LogService is { } logService
            ? new RpcLogSink(
                start.Transport,
                new RpcLogSinkOptions(start.Cluster[logService].EndPoint, SenderId(start))
                {
                    JournalPath = Path.Combine(start.Node.DataDirectory, JournalFileName),
                },
                loggers.CreateLogger<RpcLogSink>())
            : null;
        IOperationSink[] sinks = [new ConsoleLineSink(output), .. operationLog is null ? [] : new IOperationSink[] { operationLog }, .. options.OperationSink is { } extra ? [extra] : Array.Empty<IOperationSink>()];
        try
        {
            var server = await DirectoryServerHost.StartAsync(
                start.Transport, start.BindAt, options.Server, new CompositeOperationSink(sinks), loggers.CreateLogger("P2PSim.DirectoryServer"),
                cancellationToken: start.CancellationToken);
            output.Add($"s> init server {server.EndPoint}");
            return new InProcessNode(start, server.EndPoint, output, async _ =>
            {
                await server.DisposeAsync();
                if (operationLog is not null)
                {
                    // After a crash the node's transport refuses to connect, so this only spills what is queued to
                    // the journal (and releases it for the restart); gracefully it delivers first.
                    await operationLog.DisposeAsync();
                }
            });
        }
        catch
        {
            if (operationLog is not null)
            {
                await operationLog.DisposeAsync();
            }

            throw;
        }
    }

    private static async Task<RunningNode> ProcessAsync(NodeStart start, DirectoryNodeOptions options)
    {
        List<string> arguments =
        [
            "server", "--host", start.BindAt.Host, "-p", start.Port.ToString(CultureInfo.InvariantCulture),
            "--operation-journal", Path.Combine(start.Node.DataDirectory, JournalFileName),
        ];
        if (options.LogService is { } logService)
        {
            arguments.AddRange(["--operation-log", start.Cluster[logService].EndPoint.ToString()]);
        }

        return await ProcessNode.StartAsync(start, ReadyLines.DirectoryServer(), [.. arguments, .. options.ExtraArguments]);
    }

    /// <summary>Per incarnation, so the log service's duplicate filter never takes a restart's entries for retries.</summary>
    private static string SenderId(NodeStart start) =>
        string.Create(CultureInfo.InvariantCulture, $"{start.Node.Name}#{start.Node.Incarnations.Count + 1}@{Environment.ProcessId}");
}
