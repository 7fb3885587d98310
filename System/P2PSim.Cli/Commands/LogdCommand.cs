using System.CommandLine;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.LogService;
using P2PSim.Rpc;
using P2PSim.Transport;
using P2PSim.Transport.Hosting;
using P2PSim.Transport.Tcp;
using P2PSim.Transport.Udp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim logd -p PORT</c>: the ONC-RPC log service (spec §7) on TCP and UDP. Prints the classic line per
/// entry, appends every entry to a durable JSON-lines store in its data directory, ignores duplicates (same sender
/// and sequence), and registers with rpcbind when one runs.
/// </summary>
internal static class LogdCommand
{
    /// <summary>The store's file name inside the data directory.</summary>
    public const string StoreFileName = "log-store.jsonl";

    public static Command Create()
    {
        var port = PortOption.Listen(LogServiceAddress.DefaultPort, "the log service (TCP and UDP)");
        var host = ListenHostOption.Create("--host", "IP address to listen on (UDP needs an address, not a name); 0.0.0.0 for every interface.", ipOnly: true);
        var dataDir = PathOption.Folder(
            "--data-dir", $"Folder of the durable store ({StoreFileName}), created if missing (default: {DataDirectory.Default ?? "$XDG_DATA_HOME/p2psim"}).");
        var store = new EarlierSpelling<FileInfo?>(
            PathOption.File("--store", "The durable store itself (JSON lines), instead of the one in --data-dir; reloaded on start so retries stay deduplicated."),
            "--log-path");
        var noRpcbind = new Option<bool>("--no-rpcbind")
        {
            Description = "Do not register with rpcbind/portmapper, even if one runs.",
        };
        var command = new Command(
            "logd",
            "Run the ONC-RPC log service: prints 'l> init log service HOST:PORT …', then the classic line per operation logged. SIGINT or SIGTERM stops it (exit 0).")
        {
            port, host, dataDir, noRpcbind,
        };
        store.AddTo(command);
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var logger = diagnostics.CreateLogger("P2PSim.LogService");
            var listenHost = parse.GetValue(host)!;
            var listenPort = parse.GetValue(port);
            var storePath = StorePath(parse.GetValue(dataDir), store.GetValue(parse));
            using var logStore = OpenStore(storePath);
            var server = await Listening.StartAsync(listenHost, listenPort, () => LogServerHost.StartAsync(
                TcpTransport.Instance, UdpTransport.Instance, new TransportEndPoint(listenHost, listenPort), logStore, logger: logger,
                cancellationToken: cancellationToken));
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
                    await new PortmapperClient(TcpTransport.Instance).TryUnregisterAsync(LogProgram.Program, LogProgram.Version, CancellationToken.None);
                }
            }

            return 0;
        });
        return command;
    }

    /// <summary><c>--store FILE</c> as given; else <see cref="StoreFileName"/> in <c>--data-dir</c> or the default data directory.</summary>
    private static string StorePath(DirectoryInfo? dataDir, FileInfo? store)
    {
        if (store is not null)
        {
            return dataDir is null
                ? store.FullName
                : throw new UsageException("--store names the store file itself and --data-dir its folder: give one of them");
        }

        var folder = dataDir ?? (DataDirectory.Default is { } path
            ? new DirectoryInfo(path)
            : throw new UsageException("this user has no data directory (neither $XDG_DATA_HOME nor $HOME is set): give --data-dir DIR"));
        PathOption.Create(folder, "--data-dir");
        return Path.Combine(folder.FullName, StoreFileName);
    }

    private static LogStore OpenStore(string path)
    {
        try
        {
            return new LogStore(path, Console.Out);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(
                $"the log store {path} cannot be opened ({CommandRunner.OneLine(e.Message)}): give another --data-dir or --store", e);
        }
    }

    private static async Task<bool> RegisterAsync(RunningServer<LogServer> server, CancellationToken cancellationToken)
    {
        var portmapper = new PortmapperClient(TcpTransport.Instance);
        var tcp = await portmapper.TryRegisterAsync(LogProgram.Program, LogProgram.Version, PortmapperProtocol.Tcp, server.EndPoint.Port, cancellationToken);
        var udp = server.Server.UdpEndPoint?.Port is { } udpPort &&
                  await portmapper.TryRegisterAsync(LogProgram.Program, LogProgram.Version, PortmapperProtocol.Udp, udpPort, cancellationToken);
        return tcp || udp;
    }
}
