using System.CommandLine;
using Serilog.Events;

namespace P2PSim.Cli.Options;

/// <summary>
/// Options every command shares: the diagnostics, that is how verbose the explanations on stderr are and whether
/// they also go to a file. Not to be confused with a server's operation log (<c>--operation-log</c>) or the log
/// service's store (<c>--data-dir</c>, <c>--store</c>).
/// </summary>
internal static class CommonOptions
{
    public static Option<LogEventLevel> LogLevel { get; } = EnumOption.Create(
        "--log-level",
        "Diagnostics written to stderr from this level up; Debug explains failures in detail.",
        LogEventLevel.Warning,
        lowerCase: false);

    public static Option<FileInfo?> LogFile { get; } = PathOption.File(
        "--log-file", "Also write the diagnostics, as JSON lines, to this file.");

    /// <summary>
    /// For harnesses that start p2psim as a child: stop as on SIGTERM once process PID has exited, so a test runner
    /// that dies leaves no server behind. Hidden: not something an operator types.
    /// </summary>
    public static Option<int?> ParentPid { get; } = new("--parent-pid")
    {
        Description = "Stop (as on SIGTERM) once the process with this id has exited.",
        HelpName = "PID",
        Hidden = true,
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(LogLevel);
        command.Options.Add(LogFile);
        command.Options.Add(ParentPid);
    }
}
