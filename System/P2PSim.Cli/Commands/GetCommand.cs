using System.CommandLine;
using System.Globalization;
using P2PSim.Cli.Hosting;
using P2PSim.Peer;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Protocol;
using P2PSim.Shell;
using P2PSim.Transport;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim get FILE --server HOST:PORT [--out PATH]</c>: the scriptable GET_MULTIFILE. Asks the directory which
/// connected users publish FILE, downloads it from all of them at once, verified block by block, and exits 0 only
/// when the file is in place. Running it again after an interruption resumes from the verified blocks.
/// </summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The published file name to fetch." };
        var server = new Option<string>("--server", "-s")
        {
            Description = "Directory server as HOST:PORT.",
            DefaultValueFactory = _ => "127.0.0.1:5000",
        };
        var output = new Option<FileInfo?>("--out", "-o")
        {
            Description = "Where to write the file (default: FILE in the current folder).",
        };
        var user = new Option<string>("--as")
        {
            Description = "The name to ask the directory as; its own entry is left out of the sources.",
            DefaultValueFactory = _ => "p2psim-get",
        };
        var noEndgame = new Option<bool>("--no-endgame")
        {
            Description = "Do not duplicate the last outstanding blocks across sources.",
        };

        var command = new Command("get", "Download a published file from every connected peer that has it (GET_MULTIFILE).")
        {
            file, server, output, user, noEndgame,
        };
        CommonOptions.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var diagnostics = Diagnostics.Create(parse, "get");
            var name = parse.GetValue(file)!;
            if (!TryParseEndPoint(parse.GetValue(server)!, out var directory))
            {
                await Console.Error.WriteLineAsync($"p2psim get: --server '{parse.GetValue(server)}' is not HOST:PORT (e.g. 127.0.0.1:5000)");
                return 2;
            }

            var target = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, name);
            var logger = diagnostics.CreateLogger("P2PSim.Peer");
            var client = new DirectoryClient(TcpTransport.Instance, directory, logger: logger);
            try
            {
                var progress = new ProgressPrinter(Console.Error, name, interactive: !Console.IsErrorRedirected);
                var download = new MultiFileDownload(
                    client, TcpTransport.Instance, new MultiSourceOptions { Endgame = !parse.GetValue(noEndgame) }, logger);
                var outcome = await download.DownloadAsync(
                    parse.GetValue(user)!, name, target, progress,
                    sources => Console.WriteLine($"get: {name} from {sources.Count} sources: {string.Join(", ", sources)}"),
                    cancellationToken);
                if (outcome.Result is not { } result)
                {
                    await Console.Error.WriteLineAsync(outcome.Status switch
                    {
                        MultiFileStatus.NotSupported => $"p2psim get: the directory at {directory} does not know FIND_SOURCES (a classic server): use a peer's GET_FILE",
                        MultiFileStatus.NoSources => $"p2psim get: no connected user publishes {name}",
                        _ => $"p2psim get: the directory answered FIND_SOURCES with code {outcome.DirectoryCode}",
                    });
                    return 1;
                }

                var resumed = result.ResumedBlocks > 0 ? $", {result.ResumedBlocks} blocks resumed" : string.Empty;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"get: {result.Path}: {result.Size} bytes, SHA-256 {result.Sha256}, {result.Elapsed.TotalSeconds:0.00} s{resumed}"));
                foreach (var source in result.Sources)
                {
                    Console.WriteLine("get:   " + source.Summary);
                }

                return 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync($"p2psim get: interrupted; run it again to resume from the verified blocks in {target}.p2psim-part");
                return 130;
            }
            catch (Exception e) when (e is DirectoryUnavailableException or ProtocolException or IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"p2psim get: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static bool TryParseEndPoint(string text, out TransportEndPoint endPoint)
    {
        endPoint = new TransportEndPoint("127.0.0.1", 0);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        endPoint = new TransportEndPoint(text[..colon], port);
        return true;
    }
}
