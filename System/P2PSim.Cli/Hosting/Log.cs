using Microsoft.Extensions.Logging;

namespace P2PSim.Cli.Hosting;

/// <summary>Diagnostic log events of the executable itself, with stable ids in 9000–9999 (each library has its own thousand; README, Diagnostics).</summary>
internal static partial class Log
{
    [LoggerMessage(9001, LogLevel.Debug, "p2psim {Command}: unexpected failure")]
    public static partial void UnexpectedFailure(ILogger logger, Exception exception, string command);

    [LoggerMessage(9002, LogLevel.Debug, "p2psim {Command}: {Message}")]
    public static partial void BadInput(ILogger logger, Exception exception, string command, string message);

    [LoggerMessage(9003, LogLevel.Information, "The parent process {ParentPid} has exited: stopping")]
    public static partial void ParentExited(ILogger logger, int parentPid);
}
