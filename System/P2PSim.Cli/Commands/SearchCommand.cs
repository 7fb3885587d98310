using System.CommandLine;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;
using P2PSim.Peer;
using P2PSim.Protocol;
using P2PSim.Protocol.Messages;
using P2PSim.Protocol.Wire;
using P2PSim.Shell;
using P2PSim.Transport.Tcp;

namespace P2PSim.Cli.Commands;

/// <summary>
/// <c>p2psim search TEXT --directory HOST:PORT</c>: the scriptable SEARCH (P2PSim extension). Prints one line per
/// file of a connected user whose name or description contains TEXT, ignoring case, as the shell's SEARCH does.
/// </summary>
internal static class SearchCommand
{
    public static Command Create()
    {
        var text = new Argument<string[]>("text")
        {
            Description = "What to look for in file names and descriptions; several words are joined by blanks.",
            Arity = ArgumentArity.OneOrMore,
        };
        text.Validators.Add(result =>
        {
            if (DirectoryText.CheckSearchText(string.Join(' ', result.Tokens.Select(t => t.Value))) is { } problem)
            {
                OptionError.Report<string>(result, problem);
            }
        });
        var directory = DirectoryOption.Create();
        var max = NumberOption.Count(
            "--max", $"At most this many hits; the directory gives at most {SearchRequest.ServerLimit}.", SearchRequest.ServerLimit);
        var user = DirectoryText.AsUser("p2psim-search", "The name to ask the directory as.");

        var command = new Command(
            "search",
            "List files of connected users whose name or description contains TEXT, ignoring case: 'user file \"description\"' per line. Exit 0: some match; 1: none, or the directory failed.")
        {
            text, directory, max, user,
        };
        CommonOptions.AddTo(command);
        CommandRunner.SetAction(command, async (parse, diagnostics, cancellationToken) =>
        {
            var query = string.Join(' ', parse.GetValue(text)!);
            var server = parse.GetValue(directory)!;
            await using var client = new DirectoryClient(TcpTransport.Instance, server, logger: diagnostics.CreateLogger("P2PSim.Peer")) { UseSessions = true };
            DirectoryReply reply;
            try
            {
                reply = await client.SearchAsync(parse.GetValue(user)!, query, parse.GetValue(max), cancellationToken);
            }
            catch (Exception e) when (e is DirectoryUnavailableException or ProtocolException)
            {
                await CommandRunner.WriteLineAsync("search", e.Message);
                return 1;
            }

            if (!reply.IsOk)
            {
                await CommandRunner.WriteLineAsync("search", reply.Code == ResultCode.UnknownOperation
                    ? $"the directory at {server} does not know SEARCH (a classic server): use a peer's LIST_CONTENT"
                    : $"the directory answered SEARCH with code {reply.Code}");
                return 1;
            }

            var hits = reply.Hits ?? [];
            foreach (var hit in hits)
            {
                await Console.Out.WriteLineAsync(ShellMessages.HitLine(hit));
            }

            if (hits.Count == 0)
            {
                await CommandRunner.WriteLineAsync("search", $"no file of a connected user matches '{query}'");
                return 1;
            }

            return 0;
        });
        return command;
    }
}
