using System.Globalization;
using System.Text;

namespace P2PSim.LoadGen;

/// <summary>Formats the logging-impact results as a Markdown table (with ratios and a verdict) and as CSV.</summary>
internal sealed class LoggingImpactReport
{
    /// <summary>Largest acceptable p99(mode) / p99(off) for the modes where the log service is unavailable.</summary>
    public const double TargetRatio = 1.1;

    private static readonly LoggingMode[] GatedModes = [LoggingMode.Down, LoggingMode.Stalled];

    private readonly IReadOnlyList<ModeResult> _results;
    private readonly LoadGenOptions _options;

    public LoggingImpactReport(IReadOnlyList<ModeResult> results, LoadGenOptions options)
    {
        _results = results;
        _options = options;
        Passed = GatedModes.All(mode => Ratio(mode) is { } ratio && ratio <= TargetRatio);
    }

    /// <summary>True when every gated mode's p99 ratio is within <see cref="TargetRatio"/>.</summary>
    public bool Passed { get; }

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        Line(md, "# Logging impact");
        Line(md);
        Line(md, $"Closed loop, {_options.Clients} clients, one TCP connection per operation, REGISTER/CONNECT/PUBLISH/LIST_USERS "
            + $"in equal parts, 127.0.0.1; per mode a fresh in-process directory server, {_options.WarmUp.TotalSeconds:0} s warm-up, "
            + $"{_options.Duration.TotalSeconds:0} s measured. Latency in µs of operations that got a reply; errors are failed operations. "
            + "Sink counters are since the sink started (warm-up included).");
        Line(md);
        Line(md, "Modes: **off** no sink; **up** in-process log service (LogStore on a temp file); **down** sink pointed at a "
            + "port where nothing listens, journal in a temp dir; **stalled** sink pointed at an in-benchmark TCP listener that "
            + "accepts and never reads or replies, so every sink call runs into its call timeout (stands in for a hung `p2psim logd`).");
        Line(md);
        Line(md, "| mode | ops | ops/s | p50 µs | p90 µs | p99 µs | p99.9 µs | max µs | errors | queued | sent | retried | spilled | dropped |");
        Line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in _results)
        {
            var s = r.Sink;
            Line(md, $"| {LoggingImpactBenchmark.Name(r.Mode)} | {r.Load.Operations} | {r.OperationsPerSecond:0} | "
                + $"{r.PercentileMicros(50)} | {r.PercentileMicros(90)} | {r.PercentileMicros(99)} | {r.PercentileMicros(99.9)} | "
                + $"{r.MaxMicros} | {r.Load.Errors} | {Counter(s?.Queued)} | {Counter(s?.Sent)} | {Counter(s?.Retried)} | "
                + $"{Counter(s?.Spilled)} | {Counter(s?.Dropped)} |");
        }

        Line(md);
        Line(md, "p99(mode) / p99(off):");
        Line(md);
        foreach (var r in _results.Where(r => r.Mode != LoggingMode.Off))
        {
            Line(md, $"- {LoggingImpactBenchmark.Name(r.Mode)}: {FormatRatio(Ratio(r.Mode))}");
        }

        Line(md);
        var gated = string.Join(", ", GatedModes.Select(m => $"{LoggingImpactBenchmark.Name(m)} {FormatRatio(Ratio(m))}"));
        Line(md, $"{(Passed ? "PASS" : "FAIL")}: p99 ratio target ≤ {TargetRatio:0.0#}× for down and stalled ({gated}).");
        return md.ToString();
    }

    public string ToCsv()
    {
        var csv = new StringBuilder();
        Line(csv, "mode,clients,seconds,ops,ops_per_s,p50_us,p90_us,p99_us,p999_us,max_us,errors,p99_ratio_vs_off,queued,sent,retried,spilled,dropped");
        foreach (var r in _results)
        {
            var s = r.Sink;
            Line(csv, string.Join(',',
                LoggingImpactBenchmark.Name(r.Mode),
                Invariant(_options.Clients),
                Invariant(r.Load.Window.TotalSeconds),
                Invariant(r.Load.Operations),
                r.OperationsPerSecond.ToString("0.0", CultureInfo.InvariantCulture),
                Invariant(r.PercentileMicros(50)),
                Invariant(r.PercentileMicros(90)),
                Invariant(r.PercentileMicros(99)),
                Invariant(r.PercentileMicros(99.9)),
                Invariant(r.MaxMicros),
                Invariant(r.Load.Errors),
                Ratio(r.Mode)?.ToString("0.000", CultureInfo.InvariantCulture) ?? "",
                s is null ? "" : Invariant(s.Queued),
                s is null ? "" : Invariant(s.Sent),
                s is null ? "" : Invariant(s.Retried),
                s is null ? "" : Invariant(s.Spilled),
                s is null ? "" : Invariant(s.Dropped)));
        }

        return csv.ToString();
    }

    private double? Ratio(LoggingMode mode)
    {
        var off = _results.FirstOrDefault(r => r.Mode == LoggingMode.Off);
        var current = _results.FirstOrDefault(r => r.Mode == mode);
        if (off is null || current is null || off.PercentileMicros(99) == 0 || current.Load.Operations == 0)
        {
            return null;
        }

        return (double)current.PercentileMicros(99) / off.PercentileMicros(99);
    }

    private static string FormatRatio(double? ratio) =>
        ratio is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";

    private static string Counter(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Line(StringBuilder builder, string text = "") => builder.Append(text).Append('\n');
}
