using System.CommandLine;
using P2PSim.Cli.Hosting;
using P2PSim.LogService;
using P2PSim.Rpc;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim logd -p PORT</c>: the ONC-RPC log service (spec §7) on TCP and UDP. Prints the classic line per
/// entry, appends every entry to a durable JSON-lines file, ignores duplicates (same sender and sequence), and
/// registers with rpcbind when one runs.
/// </summary>
internal static class LogdCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p")
        {
            Description = "Port for TCP and UDP; 0 picks a free one (printed in the first line).",
            DefaultValueFactory = _ => LogServiceAddress.DefaultPort,
        };
        var host = new Option<string>("--host")
        {
            Description = "Address to listen on.",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var journal = new Option<FileInfo>("--log-path")
        {
            Description = "Durable log of every entry (JSON lines); reloaded on start so retries stay deduplicated.",
            DefaultValueFactory = _ => new FileInfo("p2psim-log.jsonl"),
        };
        var noRpcbind = new Option<bool>("--no-rpcbind")
        {
            Description = "Do not register with rpcbind/portmapper, even if one runs.",
        };
        var command = new Command("logd", "Run the ONC-RPC log service.") { port, host, journal, noRpcbind };
        CommonOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var diagnostics = Diagnostics.Create(parse, "logd");
            var logger = diagnostics.CreateLogger("P2PSim.LogService");
            using var store = new LogStore(parse.GetValue(journal)!.FullName, Console.Out);
            RunningServer<LogServer> server;
            try
            {
                server = await LogServerHost.StartAsync(
                    TcpTransport.Instance, new TransportEndPoint(parse.GetValue(host)!, parse.GetValue(port)), store, logger: logger,
                    cancellationToken: cancellationToken);
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"p2psim logd: cannot listen: {e.Message}");
                return 2;
            }

            await using (server)
            {
                var registered = !parse.GetValue(noRpcbind) && await RegisterAsync(server, cancellationToken);
                await Console.Out.WriteLineAsync(
                    $"l> init log service {server.EndPoint} tcp+udp program 0x{LogProgram.Program:x8} version {LogProgram.Version}" +
                    (registered ? ", registered with rpcbind" : ", no rpcbind"));
                await Console.Out.FlushAsync(cancellationToken);
                await StopSignal.WaitAsync(cancellationToken);

                if (registered)
                {
                    await new PortmapperClient().TryUnregisterAsync(LogProgram.Program, LogProgram.Version, CancellationToken.None);
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task<bool> RegisterAsync(RunningServer<LogServer> server, CancellationToken cancellationToken)
    {
        var portmapper = new PortmapperClient();
        var tcp = await portmapper.TryRegisterAsync(LogProgram.Program, LogProgram.Version, PortmapperProtocol.Tcp, server.EndPoint.Port, cancellationToken);
        var udp = server.Server.UdpEndPoint?.Port is { } udpPort &&
                  await portmapper.TryRegisterAsync(LogProgram.Program, LogProgram.Version, PortmapperProtocol.Udp, udpPort, cancellationToken);
        return tcp || udp;
    }
}
