using System.CommandLine;
using P2PSim.Cli.Options;

namespace P2PSim.Cli.Hosting;

/// <summary>
/// Runs a command's body with its diagnostics set up, and turns every failure into one line on stderr: a bad input
/// (<see cref="UsageException"/>) exits 2, anything unexpected exits 1 with a pointer to <c>--log-level Debug</c>,
/// which logs the exception in full. No stack trace reaches the user otherwise.
/// </summary>
internal static class CommandRunner
{
    public const int BadInput = 2;
    public const int Failed = 1;

    public static void SetAction(Command command, Func<ParseResult, Diagnostics, CancellationToken, Task<int>> run) =>
        command.SetAction(async (parse, stopping) =>
        {
            using var diagnostics = Diagnostics.Create(parse, command.Name);
            var logger = diagnostics.CreateLogger("P2PSim.Cli");
            using var parent = ParentProcess.Watch(parse.GetValue(CommonOptions.ParentPid), stopping, logger);
            var cancellationToken = parent.Token;
            try
            {
                return await run(parse, diagnostics, cancellationToken);
            }
            catch (UsageException e)
            {
                Log.BadInput(logger, e, command.Name, e.Message);
                await WriteLineAsync(command.Name, e.Message);
                return BadInput;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0; // SIGINT or SIGTERM before the command was up: still a clean stop
            }
            catch (Exception e)
            {
                Log.UnexpectedFailure(logger, e, command.Name);
                await WriteLineAsync(command.Name, $"unexpected failure: {e.Message}; run again with --log-level Debug to see where");
                return Failed;
            }
        });

    /// <summary>Writes <c>p2psim COMMAND: message</c> as a single line on stderr.</summary>
    public static async Task WriteLineAsync(string command, string message) =>
        await Console.Error.WriteLineAsync($"p2psim {command}: {OneLine(message)}");

    /// <summary>Messages of nested exceptions may span lines; the user gets one.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
