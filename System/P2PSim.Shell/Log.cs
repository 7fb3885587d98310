using Microsoft.Extensions.Logging;

namespace P2PSim.Shell;

/// <summary>Diagnostic log events of the classic shell, with stable ids in 4000–4999 (each library has its own thousand; README, Diagnostics).</summary>
internal static partial class Log
{
    [LoggerMessage(4001, LogLevel.Warning, "{Command} failed: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string command, string reason);

    [LoggerMessage(4002, LogLevel.Error, "{Command}: unexpected failure")]
    public static partial void CommandCrashed(ILogger logger, Exception exception, string command);

    [LoggerMessage(4003, LogLevel.Information, "{Command}: {Detail}")]
    public static partial void CommandDetail(ILogger logger, string command, string detail);

    [LoggerMessage(4004, LogLevel.Warning, "The share folder {ShareDirectory} does not exist: peers asking this user for files will get 'does not exist'")]
    public static partial void ShareFolderMissing(ILogger logger, string shareDirectory);
}
