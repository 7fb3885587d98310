using System.CommandLine;
using P2PSim.Cli.Hosting;
using Microsoft.Extensions.Logging;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Peer.Shell;
using P2PSim.TimeService;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim peer -s HOST -p PORT</c>: the classic interactive client (spec §4) with its file server. Reads commands
/// from standard input, so it works typed or scripted (<c>printf 'REGISTER alice\nQUIT\n' | p2psim peer …</c>).
/// </summary>
internal static class PeerCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server", "-s")
        {
            Description = "Directory server host.",
            DefaultValueFactory = _ => "127.0.0.1",
        }.ValidateHost();
        var port = new Option<int>("--port", "-p")
        {
            Description = "Directory server port.",
            DefaultValueFactory = _ => 5000,
        }.ValidatePort();
        var share = new Option<DirectoryInfo>("--share")
        {
            Description = "Folder whose files this peer serves to others (GET_FILE); created if missing.",
            DefaultValueFactory = _ => new DirectoryInfo(Environment.CurrentDirectory),
        };
        var listenHost = new Option<string>("--listen-host")
        {
            Description = "Address the peer's file server listens on after CONNECT.",
            DefaultValueFactory = _ => "127.0.0.1",
        }.ValidateHost();
        var encoding = ResultEncodingOption.Create();
        var timeService = new Option<string?>("--time-service")
        {
            Description = "SOAP time service (e.g. http://127.0.0.1:8000/) that stamps every directory operation; when it is down, operations are stamped locally.",
        };

        var command = new Command("peer", "Run a peer: the classic c> shell plus a file server for its share folder.")
        {
            server, port, share, listenHost, encoding, timeService,
        };
        CommonOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var diagnostics = Diagnostics.Create(parse, "peer");
            var shareFolder = parse.GetValue(share)!;
            shareFolder.Create();
            Uri? timeUrl = null;
            if (parse.GetValue(timeService) is { } text && !Uri.TryCreate(text, UriKind.Absolute, out timeUrl))
            {
                await Console.Error.WriteLineAsync($"p2psim peer: --time-service '{text}' is not an absolute URL such as http://127.0.0.1:8000/");
                return 2;
            }

            using var timeClient = timeUrl is null ? null : new TimeServiceClient(timeUrl);
            var stamps = timeClient is null
                ? null
                : new TimestampSource(timeClient, logger: diagnostics.LoggerFactory.CreateLogger<TimestampSource>());
            var options = new ClassicShellOptions(
                new TransportEndPoint(parse.GetValue(server)!, parse.GetValue(port)),
                shareFolder.FullName,
                parse.GetValue(listenHost)!,
                parse.GetValue(encoding),
                stamps is null ? null : stamps.GetAsync)
            {
                DownloadDirectory = Environment.CurrentDirectory, // GET_FILE saves where the user runs the shell, as classic clients do
                DownloadProgress = name => new ProgressPrinter(Console.Error, name, interactive: !Console.IsErrorRedirected),
            };
            var shell = new ClassicShell(options, TcpTransport.Instance, Console.In, Console.Out, diagnostics.CreateLogger("P2PSim.Peer"));
            var exitCode = await shell.RunAsync(cancellationToken);
            return exitCode == ClassicShell.CancelledExitCode ? 0 : exitCode; // a signal is a clean stop
        });
        return command;
    }
}
