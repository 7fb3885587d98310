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

    public static void AddTo(Command command)
    {
        command.Options.Add(LogLevel);
        command.Options.Add(LogFile);
    }
}
