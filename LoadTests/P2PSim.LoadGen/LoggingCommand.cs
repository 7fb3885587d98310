namespace P2PSim.LoadGen;

/// <summary><c>p2psim-loadgen logging</c>: the logging-impact benchmark, its Markdown table and CSV.</summary>
internal static class LoggingCommand
{
    public static async Task<int> RunAsync(LoadGenOptions options, CancellationToken cancellationToken)
    {
        var results = await new LoggingImpactBenchmark(options, Console.Error).RunAsync(cancellationToken);
        var report = new LoggingImpactReport(results, options);
        var markdown = report.ToMarkdown();
        Console.Out.Write(markdown);

        Directory.CreateDirectory(options.OutputDirectory);
        var markdownPath = Path.Combine(options.OutputDirectory, "logging-impact.md");
        var csvPath = Path.Combine(options.OutputDirectory, "logging-impact.csv");
        await File.WriteAllTextAsync(markdownPath, markdown, cancellationToken);
        await File.WriteAllTextAsync(csvPath, report.ToCsv(), cancellationToken);
        Console.Error.WriteLine($"p2psim-loadgen: wrote {markdownPath} and {csvPath}");
        return options.Enforce && !report.Passed ? 1 : 0;
    }
}
