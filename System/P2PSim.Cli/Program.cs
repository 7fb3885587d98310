using System.CommandLine;
using System.CommandLine.Parsing;
using System.Runtime.InteropServices;
using P2PSim.Cli.Commands;
using P2PSim.Cli.Hosting;
using P2PSim.Cli.Options;

var root = new RootCommand("P2PSim: a hybrid peer-to-peer file-sharing system and its test harness.")
{
    ServerCommand.Create(),
    PeerCommand.Create(),
    GetCommand.Create(),
    SearchCommand.Create(),
    TimedCommand.Create(),
    LogdCommand.Create(),
    DemoCommand.Create(),
};

// A command line that does not parse is refused here, before any command starts: one line, exit 2.
var parse = root.Parse(args);
if (parse.Errors.Count > 0 && parse.Action is not { ClearsParseErrors: true })
{
    await Console.Error.WriteLineAsync(ParseFailure(parse));
    return CommandRunner.BadInput;
}

// SIGINT/SIGTERM cancel the running command, which stops gracefully and exits 0 (a clean stop, spec §5). We own
// the signals rather than System.CommandLine, which would turn them into exit codes 130/143.
using var stopping = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await parse.InvokeAsync(
        new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, stopping.Token);
}
catch (Exception e)
{
    // Commands catch their own failures (CommandRunner); this is for the few lines that run before them.
    await Console.Error.WriteLineAsync($"p2psim: unexpected failure: {CommandRunner.OneLine(e.Message)}; run again with --log-level Debug to see where");
    return CommandRunner.Failed;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true; // keep the process alive until the command has stopped
    stopping.Cancel();
}

// One line for a command line that does not parse: P2PSim's own message for the first bad value, else the first
// word the parser did not expect, else the parser's message, pointing to the command's help.
static string ParseFailure(ParseResult parse)
{
    var command = parse.CommandResult.Command;
    var name = string.Join(' ', CommandPath(command));
    var ours = parse.Errors.Select(e => CommandRunner.OneLine(e.Message)).FirstOrDefault(OptionError.IsOurs);
    if (ours is not null)
    {
        return $"{name}: {ours}";
    }

    if (parse.UnmatchedTokens.Count > 0)
    {
        var what = command.Subcommands.Count > 0
            ? $"unknown command '{parse.UnmatchedTokens[0]}': use one of {string.Join(", ", command.Subcommands.Select(c => c.Name))}"
            : $"unknown option or argument '{parse.UnmatchedTokens[0]}'";
        return $"{name}: {what} (see '{name} --help')";
    }

    if (command.Subcommands.Count > 0 && parse.Errors.All(e => e.SymbolResult is null or CommandResult))
    {
        return $"{name}: give a command: {string.Join(", ", command.Subcommands.Select(c => c.Name))} (see '{name} --help')";
    }

    return $"{name}: {CommandRunner.OneLine(parse.Errors[0].Message).TrimEnd('.')} (see '{name} --help')";
}

static IEnumerable<string> CommandPath(Command command) =>
    command.Parents.OfType<Command>().FirstOrDefault() is { } parent ? [.. CommandPath(parent), command.Name] : ["p2psim"];
