using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>Writes report.html, report.md, report.json and the CSV tables into one folder.</summary>
internal static class ReportWriter
{
    public const string HtmlFile = "report.html";
    public const string MarkdownFile = "report.md";
    public const string JsonFile = "report.json";

    public static async Task<string> WriteAsync(SuiteReport report, string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var json = JsonReport.Render(report);
        var markdown = MarkdownReport.Render(report);
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), json, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, MarkdownFile), markdown, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, HtmlFile), HtmlReport.Render(report, json), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "steps.csv"), CsvReport.Steps(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "sweeps.csv"), CsvReport.Sweeps(report), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "timeline.csv"), CsvReport.Timeline(report), cancellationToken);
        return markdown;
    }
}
