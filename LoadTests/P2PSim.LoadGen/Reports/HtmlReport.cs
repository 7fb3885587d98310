using System.Net;
using System.Text;
using P2PSim.LoadGen.Progress;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>
/// One self-contained HTML page: tables rendered here, charts drawn in the browser as SVG by an inline script from the
/// report's JSON (embedded in the page). Nothing is fetched when the page is viewed.
/// </summary>
internal static class HtmlReport
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(HtmlReport).Assembly.GetManifestResourceStream("P2PSim.LoadGen.Reports.charts.js")
            ?? throw new InvalidOperationException("charts.js is not embedded in the load generator");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public static string Render(SuiteReport report, string json)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.Append($"<title>P2PSim load report — {E(report.Name)}</title>\n<style>{Style}</style></head>\n<body>\n");
        html.Append($"<h1>P2PSim load report — {E(report.Name)}</h1>\n");
        html.Append($"<p class=\"verdict {(report.Passed ? "pass" : "fail")}\">{(report.Passed ? "PASS" : "FAIL")}</p>\n");
        html.Append($"<p>Mode <b>{E(report.Mode)}</b>, {E(report.Target)}; {report.StartedUtc:yyyy-MM-dd HH:mm:ss} → {report.FinishedUtc:HH:mm:ss} UTC.</p>\n");

        html.Append("<h2>Headline</h2>\n");
        html.Append(Table(
            ["figure", "value"],
            HeadlineRows(report.Headline)));
        html.Append("<div id=\"chart-ceilings\" class=\"charts\"></div>\n");

        if (report.Headline.RatioRounds.Count > 0)
        {
            html.Append($"<h2>Ceiling rounds ({SuitePlan.ReferenceClients} clients, closed, interleaved)</h2>\n");
            html.Append(Table(
                ["round", "bare one-shot ops/s", "classic (P2PSim client)", "ratio", "classic (bare client)", "ratio", "CPU µs/op bare · classic · classic-raw"],
                report.Headline.RatioRounds.Select(r => new[]
                {
                    r.Round.ToString(), Format.Rate(r.BareOneShotPerSecond), Format.Rate(r.ClassicPerSecond), Format.Ratio(r.ClassicVsCeiling),
                    Format.Rate(r.ClassicRawPerSecond), Format.Ratio(r.ClassicRawVsCeiling),
                    $"{Cpu(r.BareCpuMicrosPerOp)} · {Cpu(r.ClassicCpuMicrosPerOp)} · {Cpu(r.ClassicRawCpuMicrosPerOp)}",
                })));
        }

        if (report.Headline.SessionRounds.Count > 0)
        {
            html.Append($"<h2>Session rounds (closed, interleaved; {SuitePlan.ReferenceClients} sessions, pipelined ones {Scenarios.SessionScenarios.Depth} requests in flight each)</h2>\n");
            html.Append(Table(SessionRows.RoundHeader, SessionRows.Rounds(report.Headline)));
            html.Append("<div id=\"chart-sessions\" class=\"charts\"></div>\n");
        }

        if (report.Headline.StoreRounds.Count > 0)
        {
            html.Append($"<h2>Store rounds (classic mix, {SuitePlan.ReferenceClients} clients, closed, interleaved: memory store, durable store and one server on a Redis store)</h2>\n");
            html.Append(Table(StoreRows.RoundHeader, StoreRows.Rounds(report.Headline)));
        }

        if (report.Headline.RedisScale.Count > 0)
        {
            html.Append($"<h2>Servers sharing one Redis (classic mix, {SuitePlan.ReferenceClients} clients spread over the servers; one machine, so the servers share its cores)</h2>\n");
            html.Append(Table(StoreRows.ScaleHeader, StoreRows.Scale(report.Headline)));
        }

        if (report.Headline.Restart is not null)
        {
            html.Append("<h2>Durable store restart (filled through its API, reopened from the journal alone and from a snapshot; files in the page cache)</h2>\n");
            html.Append(Table(StoreRows.RestartHeader, StoreRows.Restart(report.Headline)));
        }

        if (report.Headline.Logging.Count > 0)
        {
            html.Append("<h2>Logging on/off (classic mix)</h2>\n");
            html.Append(Table(
                ["mode", "ops/s", "× off", "p99 ms", "× off", "errors", "sent", "spilled", "dropped"],
                report.Headline.Logging.Select(l => new[]
                {
                    l.Mode, Format.Rate(l.OkPerSecond), Format.Ratio(l.ThroughputVsOff), Format.Ms(l.P99), Format.Ratio(l.P99VsOff),
                    Format.Percent(l.ErrorRate), l.Sink?.Sent.ToString() ?? "–", l.Sink?.Spilled.ToString() ?? "–", l.Sink?.Dropped.ToString() ?? "–",
                })));
        }

        html.Append("<h2>Sweeps: offered load until saturation</h2>\n");
        foreach (var sweep in report.Sweeps)
        {
            html.Append($"<h3>{E(sweep.Scenario)}</h3><p>Steps scaled from the closed-model estimate {Format.Rate(sweep.CapacityEstimate)} ops/s; "
                + $"saturation {(sweep.Saturated ? "" : "≥ ")}{Format.Rate(sweep.SaturationPerSecond)} ops/s{(sweep.Saturated ? "" : " (not reached: every step was served)")}; knee at {(sweep.Knee is { } k ? Format.Rate(k.OfferedPerSecond) + " offered/s" : "none within the sweep")}.</p>\n");
            html.Append(Table(
                ["offered/s", "achieved/s", "missed", "errors", "p50 ms", "p90 ms", "p99 ms", "max ms", "machine load"],
                sweep.Points.Select(p => new[]
                {
                    Format.Rate(p.OfferedPerSecond), Format.Rate(p.AchievedPerSecond), p.Missed.ToString(), Format.Percent(p.ErrorRate),
                    Format.Ms(p.P50), Format.Ms(p.P90), Format.Ms(p.P99), Format.Ms(p.Max), p.MachineLoad is { } l ? Format.Number(l, "0.0") : "n/a",
                })));
        }

        html.Append("<div id=\"chart-sweeps\" class=\"charts\"></div>\n");
        html.Append("<h2>Runs</h2>\n");
        html.Append(Table(
            ["run", "step", "load", "s", "ok", "failed", "ok/s", "MB/s", "p50 ms", "p75 ms", "p95 ms", "p99 ms", "max ms", "CPU µs/op", "alloc B/op"],
            report.Runs.SelectMany(run => run.Steps.Count > 1 && !run.Group.StartsWith("sweep:", StringComparison.Ordinal)
                    ? run.Steps.Append(run.Total).Select(s => (run, s))
                    : [(run, run.Total)])
                .Select(x => new[]
                {
                    x.run.Name, x.s.Name, string.Join("; ", x.run.Simulations), Format.Number(x.run.MeasuredSeconds, "0.0"), x.s.Ok.ToString(), x.s.Failed.ToString(),
                    Format.Rate(x.s.OkPerSecond), Format.Number(x.s.BytesPerSecond / 1e6, "0.0"), Format.Ms(x.s.Latency.P50), Format.Ms(x.s.Latency.P75),
                    Format.Ms(x.s.Latency.P95), Format.Ms(x.s.Latency.P99), Format.Ms(x.s.Latency.Max),
                    x.s.Name == "all" ? Format.Number(x.run.Cost.CpuMicrosPerOp, "0") : "", x.s.Name == "all" ? Format.Number(x.run.Cost.AllocatedBytesPerOp, "0") : "",
                })));
        html.Append("<h2>Latency and throughput over time</h2>\n<div id=\"chart-timelines\" class=\"charts\"></div>\n");

        html.Append("<h2>Thresholds</h2>\n");
        html.Append(Table(
            ["rule", "subject", "actual", "result"],
            report.Thresholds.Select(t => new[] { t.Threshold, t.Subject, t.Detail, t.Passed ? "pass" : "FAIL" })));

        var e = report.Environment;
        html.Append("<h2>Environment</h2>\n");
        html.Append(Table(
            ["", ""],
            [
                ["CPUs", e.ProcessorCount.ToString()],
                ["OS", $"{e.OperatingSystem} ({e.Architecture})"],
                [".NET", $"{e.Runtime}, server GC {(e.ServerGc ? "on" : "off")}"],
                ["git commit", e.GitCommit],
                ["machine", e.MachineName],
                ["load average", $"start {e.LoadAverageAtStart ?? "n/a"}, end {e.LoadAverageAtEnd ?? "n/a"} (clients, servers and any other work share the CPUs)"],
            ]));
        if (report.Notes.Count > 0)
        {
            html.Append("<ul>").AppendJoin("", report.Notes.Select(n => $"<li>{E(n)}</li>")).Append("</ul>\n");
        }

        // System.Text.Json escapes '<' and '>' by default, so the JSON cannot close this script element.
        html.Append("<script id=\"report-data\" type=\"application/json\">").Append(json).Append("</script>\n");
        html.Append("<script>").Append(Script.Value).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static IEnumerable<string[]> HeadlineRows(Headline h)
    {
        var c = SuitePlan.ReferenceClients;
        yield return [$"bare one-shot ceiling, {c} clients", Rate(h.BareOneShotPerSecond)];
        yield return [$"bare persistent request/response, {c} clients", Rate(h.BarePersistentPerSecond)];
        yield return [$"classic mix (P2PSim client), {c} clients", Rate(h.ClassicPerSecond)];
        yield return [$"classic mix (bare client), {c} clients", Rate(h.ClassicRawPerSecond)];
        yield return [$"classic mix / ceiling, P2PSim client (median of {h.RatioRounds.Count} interleaved rounds)", $"{Format.Ratio(h.ClassicVsCeiling)} (rounds {Format.Ratio(h.ClassicVsCeilingMin)}–{Format.Ratio(h.ClassicVsCeilingMax)})"];
        yield return ["classic mix / ceiling, bare client (the server alone)", Format.Ratio(h.ClassicRawVsCeiling)];
        yield return
        [
            "CPU µs/op: ceiling · classic (P2PSim client) · classic (bare client)",
            $"{Cpu(h.BareCpuMicrosPerOp)} · {Cpu(h.ClassicCpuMicrosPerOp)} · {Cpu(h.ClassicRawCpuMicrosPerOp)} (ceiling/classic = {Format.Ratio(h.ClassicCpuEfficiency)})",
        ];
        foreach (var row in SessionRows.Headline(h).Concat(StoreRows.Headline(h)))
        {
            yield return row;
        }

        yield return ["classic mix saturation (sweep)", Rate(h.ClassicSaturationPerSecond)];
        if (h.BareSaturationPerSecond is not null)
        {
            yield return ["bare one-shot saturation (sweep)", $"{Rate(h.BareSaturationPerSecond)}; classic / bare = {Format.Ratio(h.SaturationVsCeiling)}"];
        }

        yield return ["classic mix p99 at 50 % of saturation", h.P99AtHalfSaturation is { } p ? Format.Ms(p) + " ms" : "n/a"];
    }

    private static string Rate(double? perSecond) => perSecond is { } r ? Format.Rate(r) + " ops/s" : "n/a";

    private static string Cpu(double? micros) => micros is { } m ? Format.Number(m, "0") : "n/a";

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var table = new StringBuilder("<table><thead><tr>");
        table.AppendJoin("", header.Select(h => $"<th>{E(h)}</th>")).Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            table.Append("<tr>").AppendJoin("", row.Select(cell => $"<td>{E(cell)}</td>")).Append("</tr>");
        }

        return table.Append("</tbody></table>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1200px}
        table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
        th,td{border:1px solid #ccc;padding:3px 8px;text-align:right}th:first-child,td:first-child{text-align:left}
        th{background:#f3f3f3}.verdict{font-size:20px;font-weight:bold}.pass{color:#2a7d2a}.fail{color:#c62828}
        .charts{display:flex;flex-wrap:wrap;gap:12px}.timeline{display:flex;flex-wrap:wrap;gap:12px}
        figure.chart{margin:0;border:1px solid #ddd;background:#fff}
        .grid{stroke:#eee}.axis{stroke:#444}.tick{font-size:11px;fill:#444}.label{font-size:12px;fill:#222}
        .legend{font-size:11px;fill:#222}.chart-title{font-size:13px;font-weight:bold;fill:#222}
        """;
}
