using System.Text;
using P2PSim.LoadGen;

// p2psim-loadgen: load benchmarks against in-process P2PSim servers on 127.0.0.1. Exit codes: 0 done (also on FAIL
// unless --enforce), 1 FAIL with --enforce, 2 usage error, 130 cancelled.
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Out.WriteLine(LoadGenOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

if (args[0] != "logging")
{
    Console.Error.WriteLine($"p2psim-loadgen: unknown benchmark '{args[0]}'");
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

LoadGenOptions options;
try
{
    options = LoadGenOptions.Parse(args[1..]);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"p2psim-loadgen: {e.Message}");
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

Console.OutputEncoding = Encoding.UTF8;
IReadOnlyList<ModeResult> results;
try
{
    results = await new LoggingImpactBenchmark(options, Console.Error).RunAsync(cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("p2psim-loadgen: cancelled");
    return 130;
}

var report = new LoggingImpactReport(results, options);
var markdown = report.ToMarkdown();
Console.Out.Write(markdown);

Directory.CreateDirectory(options.OutputDirectory);
var markdownPath = Path.Combine(options.OutputDirectory, "logging-impact.md");
var csvPath = Path.Combine(options.OutputDirectory, "logging-impact.csv");
await File.WriteAllTextAsync(markdownPath, markdown);
await File.WriteAllTextAsync(csvPath, report.ToCsv());
Console.Error.WriteLine($"p2psim-loadgen: wrote {markdownPath} and {csvPath}");
return options.Enforce && !report.Passed ? 1 : 0;
