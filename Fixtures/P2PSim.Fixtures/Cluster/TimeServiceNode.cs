using System.Globalization;
using P2PSim.TimeService;
using P2PSim.Transport;

namespace P2PSim.Fixtures.Cluster;

/// <summary>
/// The SOAP time service as a cluster node: <see cref="TimeServiceHost"/> (Kestrel, so TCP only) or <c>p2psim
/// timed</c>. Every start takes a fresh port: Kestrel holds its port for about 2 s after a stop, so a restart on the
/// same one would race it. Read the current address from the handle.
/// </summary>
internal static class TimeServiceNode
{
    private const int AnyPort = 0;

    public static Func<NodeStart, Task<RunningNode>> Factory(NodeBackend backend) =>
        backend == NodeBackend.InProcess ? InProcessAsync : ProcessAsync;

    private static async Task<RunningNode> InProcessAsync(NodeStart start)
    {
        if (start.Cluster.Transport != ClusterTransport.Tcp)
        {
            throw new NotSupportedException($"{start.Node.Name}: the time service runs on Kestrel, that is on real sockets; the cluster is on {start.Cluster.Transport}.");
        }

        var output = new NodeOutput();
        var host = await TimeServiceHost.StartAsync(
            string.Create(CultureInfo.InvariantCulture, $"http://{start.BindAt.Host}:{AnyPort}"), loggers: new NodeLoggerFactory(output), ct: start.CancellationToken);
        output.Add($"t> time service at {host.BaseAddress} (WSDL {host.WsdlAddress})");

        // Kestrel cannot be aborted from outside: a crash stops it as a graceful stop does.
        return new InProcessNode(start, new TransportEndPoint(host.BaseAddress.Host, host.BaseAddress.Port), output, async _ => await host.DisposeAsync());
    }

    private static async Task<RunningNode> ProcessAsync(NodeStart start) =>
        await ProcessNode.StartAsync(
            start,
            ReadyLines.TimeService(),
            ["timed", "--host", start.BindAt.Host, "-p", AnyPort.ToString(CultureInfo.InvariantCulture)]);
}
