using System.Globalization;
using P2PSim.LogService;
using P2PSim.Rpc;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// The log service as a cluster node: <see cref="LogServerHost"/> over a <see cref="LogStore"/> in the node's data
/// folder in process, <c>p2psim logd --data-dir</c> as a process. The store outlives restarts.
/// </summary>
internal static class LogServiceNode
{
    public static Func<NodeStart, Task<RunningNode>> Factory(NodeBackend backend, LogServiceNodeOptions options) =>
        backend == NodeBackend.InProcess ? InProcessAsync : start => ProcessAsync(start, options);

    private static async Task<RunningNode> InProcessAsync(NodeStart start)
    {
        var output = new NodeOutput();
        var store = new LogStore(LogServiceNodeOptions.StorePath(start.Node), new NodeOutputWriter(output));
        try
        {
            var server = await LogServerHost.StartAsync(
                start.Transport, start.Datagrams, start.BindAt, store, logger: new NodeLoggerFactory(output).CreateLogger("P2PSim.LogService"),
                cancellationToken: start.CancellationToken);
            output.Add($"l> init log service {server.EndPoint} {(server.Server.UdpEndPoint is null ? "tcp" : "tcp+udp")} program 0x{LogProgram.Program:x8} version {LogProgram.Version}, no rpcbind");
            return new InProcessNode(start, server.EndPoint, output, async _ =>
            {
                await server.DisposeAsync();
                store.Dispose();
            });
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private static async Task<RunningNode> ProcessAsync(NodeStart start, LogServiceNodeOptions options) =>
        await ProcessNode.StartAsync(
            start,
            ReadyLines.LogService(),
            [
                "logd", "--host", start.BindAt.Host, "-p", start.Port.ToString(CultureInfo.InvariantCulture),
                "--data-dir", start.Node.DataDirectory, "--no-rpcbind", .. options.ExtraArguments,
            ]);
}
