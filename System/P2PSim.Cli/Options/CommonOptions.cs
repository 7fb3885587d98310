using System.CommandLine;
using Serilog.Events;

namespace P2PSim.Cli.Hosting;

/// <summary>Options every long-running command shares: where diagnostics go and how verbose they are.</summary>
internal static class CommonOptions
{
    public static Option<LogEventLevel> LogLevel { get; } = new("--log-level")
    {
        Description = "Diagnostics written to stderr from this level up (Verbose, Debug, Information, Warning, Error).",
        DefaultValueFactory = _ => LogEventLevel.Warning,
    };

    public static Option<FileInfo?> LogFile { get; } = new("--log-file")
    {
        Description = "Also write diagnostics, as JSON lines, to this file.",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(LogLevel);
        command.Options.Add(LogFile);
    }
}
