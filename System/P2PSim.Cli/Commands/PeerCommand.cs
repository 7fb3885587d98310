using System.CommandLine;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.Shell;
using P2PSim.TimeService;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim peer --directory HOST:PORT</c> (or the classic <c>-s HOST -p PORT</c>): the classic interactive client
/// (spec §4) with its file server. Reads commands from standard input, so it works typed or scripted
/// (<c>printf 'REGISTER alice\nQUIT\n' | p2psim peer …</c>).
/// </summary>
internal static class PeerCommand
{
    public static Command Create()
    {
        var directory = DirectoryOption.Create();
        var classic = new ClassicDirectory();
        var share = PathOption.Folder(
            "--share", "Folder whose files this peer serves to others while connected (GET_FILE, GET_MULTIFILE); created if missing (default: the current folder).");
        var listenHost = ListenHostOption.Create(
            "--listen-host", "Address the peer's file server listens on after CONNECT, on a free port; 0.0.0.0 to serve a LAN.");
        var encoding = ResultEncodingOption.Create("the peer's file server");
        var timeService = UrlOption.TimeService();
        var stamp = StampOption.Create();
        var maxConnections = NumberOption.Count(
            "--max-connections",
            "Transfers the file server serves at once (connections that have sent a request); a request past this is refused by closing its connection.",
            64);
        var maxIdle = NumberOption.Count(
            "--max-idle-connections",
            "Connections the file server keeps while they have not sent their first request; past this the oldest is closed, so idle connections cannot lock real clients out.",
            256);
        var maxPerAddress = NumberOption.Count(
            "--max-connections-per-address", "Connections the file server keeps open from one client address, idle or not; past this the address's oldest idle one is closed (a new one only when all are being served).", 16);
        var requestTimeout = NumberOption.Seconds(
            "--request-timeout", "Seconds a client of the file server has, from connecting, to send its complete first request; a silent or trickling client is dropped.", 5);

        var command = new Command(
            "peer",
            "Run a peer: the classic c> shell (REGISTER, CONNECT, PUBLISH, LIST_USERS, GET_FILE, GET_MULTIFILE, SEARCH, …) plus a file server for its share folder. Files it fetches land in the current folder.")
        {
            directory, classic.Host, classic.Port, share, listenHost, encoding, timeService, stamp, maxConnections, maxIdle, maxPerAddress, requestTimeout,
        };
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var server = classic.Resolve(parse, directory);
            var shareFolder = parse.GetValue(share) ?? new DirectoryInfo(Environment.CurrentDirectory);
            PathOption.Create(shareFolder, "--share");
            var (stampMode, timeServiceUrl) = StampOption.Resolve(parse, stamp, timeService);
            using var timeClient = timeServiceUrl is null ? null : new TimeServiceClient(timeServiceUrl);
            var stamps = StampOption.Source(stampMode, timeClient, diagnostics.LoggerFactory);
            var fileServerLimits = (
                Transfers: parse.GetValue(maxConnections),
                Idle: parse.GetValue(maxIdle),
                PerAddress: parse.GetValue(maxPerAddress),
                RequestTimeout: TimeSpan.FromSeconds(parse.GetValue(requestTimeout)));
            var options = new ClassicShellOptions(
                server,
                shareFolder.FullName,
                parse.GetValue(listenHost)!,
                parse.GetValue(encoding),
                stamps)
            {
                DownloadDirectory = Environment.CurrentDirectory, // GET_FILE saves where the user runs the shell, as classic clients do
                DownloadProgress = name => new ProgressPrinter(Console.Error, name, interactive: !Console.IsErrorRedirected),
                ReadSecret = ConsolePassword.ReaderForThisConsole(),
                ConfigureFileServer = o => o with
                {
                    MaxConnections = fileServerLimits.Transfers,
                    MaxIdleConnections = fileServerLimits.Idle,
                    MaxConnectionsPerAddress = fileServerLimits.PerAddress,
                    RequestTimeout = fileServerLimits.RequestTimeout,
                },
            };
            var shell = new ClassicShell(options, TcpTransport.Instance, new ConsoleInput(Console.In), Console.Out, diagnostics.CreateLogger("P2PSim.Shell"));
            var exitCode = await shell.RunAsync(cancellationToken);
            return exitCode == ClassicShell.CancelledExitCode ? 0 : exitCode; // a signal is a clean stop
        });
        return command;
    }
}
