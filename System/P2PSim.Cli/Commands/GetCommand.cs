using System.CommandLine;
using System.Globalization;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.Peer;
using P2PSim.Peer.Downloads.MultiSource;
using P2PSim.Protocol;
using P2PSim.Shell;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim get FILE --directory HOST:PORT [--out PATH]</c>: the scriptable GET_MULTIFILE. Asks the directory which
/// connected users publish FILE, downloads it from all of them at once, verified block by block, and exits 0 only
/// when the file is in place. Running it again after an interruption resumes from the verified blocks.
/// </summary>
internal static class GetCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file")
        {
            Description = "The published file name to fetch.",
            CustomParser = result => DirectoryText.ParseName(result, "file name"),
        };
        var directory = DirectoryOption.Create();
        var output = PathOption.File("--out", "Where to write the file (default: FILE in the current folder); its folder must exist.", "-o");
        var user = DirectoryText.AsUser("p2psim-get", "The name to ask the directory as; that user's own entry is left out of the sources.");
        var noEndgame = new Option<bool>("--no-endgame")
        {
            Description = "Do not duplicate the last outstanding blocks across sources.",
        };

        var command = new Command(
            "get",
            "Download a published file from every connected peer that has it (GET_MULTIFILE), with progress on stderr. Exit 0: the file is in place and verified; 1: no source or the download failed (a rerun resumes); 130: interrupted by SIGINT; SIGTERM stops it cleanly (exit 0; a rerun resumes).")
        {
            file, directory, output, user, noEndgame,
        };
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var name = parse.GetValue(file)!;
            var server = parse.GetValue(directory)!;
            var target = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, name);
            var logger = diagnostics.CreateLogger("P2PSim.Peer");
            using var termination = TerminationSignal.Watch();
            // One session for the lookup when the server offers it (docs/sessions.md); classic otherwise.
            await using var client = new DirectoryClient(TcpTransport.Instance, server, logger: logger) { UseSessions = true };
            var download = new MultiFileDownload(
                client,
                TcpTransport.Instance,
                new MultiSourceOptions { Endgame = !parse.GetValue(noEndgame) },
                logger);
            try
            {
                var outcome = await download.DownloadAsync(
                    parse.GetValue(user)!, name, target, new ProgressPrinter(Console.Error, name, interactive: !Console.IsErrorRedirected),
                    sources => Console.WriteLine($"get: {name} from {sources.Count} sources: {string.Join(", ", sources)}"),
                    cancellationToken);
                if (outcome.Result is not { } result)
                {
                    await CommandRunner.WriteLineAsync("get", outcome.Status switch
                    {
                        MultiFileStatus.NotSupported => $"the directory at {server} knows neither FIND_SOURCES nor LIST_USERS (it answered -1 to both)",
                        MultiFileStatus.NoSources => $"no connected user publishes {name}",
                        _ => $"the directory answered {(outcome.ViaListContent ? "LIST_USERS" : "FIND_SOURCES")} with code {outcome.DirectoryCode}",
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
                await CommandRunner.WriteLineAsync("get", $"interrupted; run it again to resume from the verified blocks in {target}.p2psim-part");

                // SIGTERM is a clean stop, as for every other command; SIGINT (Ctrl-C) is the user interrupting.
                return await termination.ReceivedAsync() ? 0 : 130;
            }
            catch (Exception e) when (e is DirectoryUnavailableException or ProtocolException or IOException or UnauthorizedAccessException)
            {
                await CommandRunner.WriteLineAsync("get", e.Message);
                return 1;
            }
        });
        return command;
    }
}
