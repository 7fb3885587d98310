using P2PSim.LoadGen.Engine;
using P2PSim.LoadGen.Progress;
using P2PSim.LoadGen.Reports;
using Spectre.Console;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// <c>p2psim-loadgen suite</c>: runs the suite with live progress (Spectre.Console on a terminal, plain lines when
/// standard error is redirected), writes the report folder, prints the Markdown, and turns thresholds into the exit code.
/// </summary>
internal static class SuiteCommand
{
    public static async Task<int> RunAsync(SuiteOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var directory = options.ResolveOutputDirectory(started);
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        SuiteReport report;
        if (!options.Plain && !Console.IsErrorRedirected)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            var live = new LiveObserver(console);
            report = await live.ShowAsync(() => new LoadSuite(options, live).RunAsync(name, cancellationToken));
        }
        else
        {
            report = await new LoadSuite(options, new PlainObserver(progress)).RunAsync(name, cancellationToken);
        }

        var markdown = await ReportWriter.WriteAsync(report, directory, cancellationToken);
        output.Write(markdown);
        progress.WriteLine($"p2psim-loadgen: report in {Path.GetFullPath(directory)} ({ReportWriter.HtmlFile}, {ReportWriter.MarkdownFile}, {ReportWriter.JsonFile}, *.csv)");
        foreach (var failed in report.Thresholds.Where(t => !t.Passed))
        {
            progress.WriteLine($"p2psim-loadgen: FAIL {failed.Threshold} on {failed.Subject}: {failed.Detail}");
        }

        return report.Passed ? 0 : 1;
    }

    /// <summary>For tests: the suite with plain progress, report written, nothing printed but progress.</summary>
    public static async Task<(SuiteReport Report, string Directory)> RunQuietAsync(SuiteOptions options, TextWriter progress, CancellationToken cancellationToken)
    {
        var directory = options.ResolveOutputDirectory(DateTimeOffset.UtcNow);
        IRunObserver observer = new PlainObserver(progress);
        var report = await new LoadSuite(options, observer).RunAsync(Path.GetFileName(Path.GetFullPath(directory)), cancellationToken);
        await ReportWriter.WriteAsync(report, directory, cancellationToken);
        return (report, directory);
    }
}
