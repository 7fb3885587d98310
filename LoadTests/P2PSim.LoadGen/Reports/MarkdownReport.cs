using System.Text;
using P2PSim.LoadGen.Progress;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>The report as Markdown: headline, every run's totals, sweeps, logging, thresholds, environment.</summary>
internal static class MarkdownReport
{
    public static string Render(SuiteReport report)
    {
        var md = new StringBuilder();
        var h = report.Headline;
        md.Append($"# P2PSim load report — {report.Name}\n\n");
        md.Append($"Mode **{report.Mode}**, {report.Target}; {report.StartedUtc:yyyy-MM-dd HH:mm:ss} → {report.FinishedUtc:HH:mm:ss} UTC. ");
        md.Append($"Verdict: **{(report.Passed ? "PASS" : "FAIL")}**.\n\n");
        md.Append("## Headline\n\n");
        md.Append("| figure | value |\n|---|---:|\n");
        md.Append($"| bare one-shot ceiling, {SuitePlan.ReferenceClients} clients | {Rate(h.BareOneShotPerSecond)} ops/s |\n");
        md.Append($"| bare persistent request/response, {SuitePlan.ReferenceClients} clients | {Rate(h.BarePersistentPerSecond)} ops/s |\n");
        md.Append($"| classic mix (P2PSim client), {SuitePlan.ReferenceClients} clients | {Rate(h.ClassicPerSecond)} ops/s |\n");
        md.Append($"| classic mix (bare client), {SuitePlan.ReferenceClients} clients | {Rate(h.ClassicRawPerSecond)} ops/s |\n");
        md.Append($"| **classic mix / ceiling** (P2PSim client; median of {h.RatioRounds.Count} interleaved rounds) | **{Format.Ratio(h.ClassicVsCeiling)}** (rounds {Format.Ratio(h.ClassicVsCeilingMin)}–{Format.Ratio(h.ClassicVsCeilingMax)}) |\n");
        md.Append($"| classic mix / ceiling (bare client: the server alone) | {Format.Ratio(h.ClassicRawVsCeiling)} |\n");
        md.Append($"| CPU µs/op: ceiling · classic (P2PSim client) · classic (bare client) | {Cpu(h.BareCpuMicrosPerOp)} · {Cpu(h.ClassicCpuMicrosPerOp)} · {Cpu(h.ClassicRawCpuMicrosPerOp)} "
            + $"(ceiling/classic = {Format.Ratio(h.ClassicCpuEfficiency)}) |\n");
        foreach (var row in SessionRows.Headline(h).Concat(StoreRows.Headline(h)))
        {
            md.Append($"| {row[0]} | {row[1]} |\n");
        }

        var classicSweep = report.Sweeps.FirstOrDefault(s => s.Scenario == Scenarios.ClassicMixScenario.Name);
        md.Append($"| classic mix saturation (sweep, open model) | {(classicSweep is { Saturated: false } ? "≥ " : "")}{Rate(h.ClassicSaturationPerSecond)} ops/s |\n");
        if (h.BareSaturationPerSecond is not null)
        {
            md.Append($"| bare one-shot saturation (sweep) | {Rate(h.BareSaturationPerSecond)} ops/s; classic / bare = {Format.Ratio(h.SaturationVsCeiling)} |\n");
        }

        md.Append($"| classic mix p99 at 50 % of saturation | {(h.P99AtHalfSaturation is { } half ? Format.Ms(half) + " ms" : "n/a")} |\n\n");

        if (h.RatioRounds.Count > 0)
        {
            md.Append($"## Ceiling rounds ({SuitePlan.ReferenceClients} clients, closed, interleaved)\n\n");
            md.Append("| round | bare one-shot ops/s | classic (P2PSim client) | ratio | classic (bare client) | ratio | CPU µs/op bare · classic · classic-raw |\n|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var r in h.RatioRounds)
            {
                md.Append($"| {r.Round} | {Format.Rate(r.BareOneShotPerSecond)} | {Format.Rate(r.ClassicPerSecond)} | {Format.Ratio(r.ClassicVsCeiling)} | {Format.Rate(r.ClassicRawPerSecond)} | "
                    + $"{Format.Ratio(r.ClassicRawVsCeiling)} | {Cpu(r.BareCpuMicrosPerOp)} · {Cpu(r.ClassicCpuMicrosPerOp)} · {Cpu(r.ClassicRawCpuMicrosPerOp)} |\n");
            }

            md.Append('\n');
        }

        if (h.SessionRounds.Count > 0)
        {
            md.Append($"## Session rounds (closed, interleaved; {SuitePlan.ReferenceClients} sessions, pipelined ones {Scenarios.SessionScenarios.Depth} requests in flight each)\n\n");
            md.Append($"| {string.Join(" | ", SessionRows.RoundHeader)} |\n|---|{string.Concat(Enumerable.Repeat("---:|", SessionRows.RoundHeader.Length - 1))}\n");
            foreach (var row in SessionRows.Rounds(h))
            {
                md.Append($"| {string.Join(" | ", row)} |\n");
            }

            md.Append('\n');
        }

        if (h.StoreRounds.Count > 0)
        {
            md.Append($"## Store rounds (classic mix, {SuitePlan.ReferenceClients} clients, closed, interleaved: memory store, durable store and one server on a Redis store)\n\n");
            Table(md, StoreRows.RoundHeader, StoreRows.Rounds(h));
        }

        if (h.RedisScale.Count > 0)
        {
            md.Append($"## Servers sharing one Redis (classic mix, {SuitePlan.ReferenceClients} clients spread over the servers; one machine, so the servers share its cores)\n\n");
            Table(md, StoreRows.ScaleHeader, StoreRows.Scale(h));
        }

        if (h.Restart is not null)
        {
            md.Append("## Durable store restart (filled through its API, reopened from the journal alone and from a snapshot; files in the page cache)\n\n");
            Table(md, StoreRows.RestartHeader, StoreRows.Restart(h));
        }

        if (h.Logging.Count > 0)
        {
            md.Append("## Logging on/off (classic mix)\n\n| mode | ops/s | × off | p99 ms | × off | errors | sent | spilled | dropped |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var l in h.Logging)
            {
                md.Append($"| {l.Mode} | {Format.Rate(l.OkPerSecond)} | {Format.Ratio(l.ThroughputVsOff)} | {Format.Ms(l.P99)} | {Format.Ratio(l.P99VsOff)} | {Format.Percent(l.ErrorRate)} | "
                    + $"{l.Sink?.Sent.ToString() ?? "–"} | {l.Sink?.Spilled.ToString() ?? "–"} | {l.Sink?.Dropped.ToString() ?? "–"} |\n");
            }

            md.Append('\n');
        }

        md.Append("## Runs\n\nCPU µs/op and bytes/op are this process's (load clients and in-process servers together) per OK operation; "
            + $"machine load is the 1-minute load average at the end of the run ({report.Environment.ProcessorCount} CPUs: above that, other work was competing).\n\n");
        md.Append("| run | load | s | ok | failed | ok/s | p50 ms | p75 ms | p95 ms | p99 ms | max ms | CPU µs/op (user+kernel) | alloc B/op | machine load |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var run in report.Runs)
        {
            var t = run.Total;
            var c = run.Cost;
            md.Append($"| {run.Name} | {string.Join("; ", run.Simulations)} | {Format.Number(run.MeasuredSeconds, "0.0")} | {t.Ok} | {t.Failed} | {Format.Rate(t.OkPerSecond)} | "
                + $"{Format.Ms(t.Latency.P50)} | {Format.Ms(t.Latency.P75)} | {Format.Ms(t.Latency.P95)} | {Format.Ms(t.Latency.P99)} | {Format.Ms(t.Latency.Max)} | "
                + $"{Format.Number(c.CpuMicrosPerOp, "0")} ({Format.Number(c.UserMicrosPerOp, "0")}+{Format.Number(c.KernelMicrosPerOp, "0")}) | {Format.Number(c.AllocatedBytesPerOp, "0")} | {Load(run.MachineLoad)} |\n");
        }

        foreach (var sweep in report.Sweeps)
        {
            md.Append($"\n## Sweep: {sweep.Scenario}\n\nSteps scaled from the closed-model estimate {Format.Rate(sweep.CapacityEstimate)} ops/s. ");
            md.Append($"Saturation {(sweep.Saturated ? "" : "≥ ")}{Format.Rate(sweep.SaturationPerSecond)} ops/s{(sweep.Saturated ? "" : " (not reached: every step was served)")}; knee at {(sweep.Knee is { } k ? Format.Rate(k.OfferedPerSecond) + " offered/s" : "none within the sweep")}.\n\n");
            md.Append("| offered/s | achieved/s | missed | errors | p50 ms | p90 ms | p99 ms | max ms | machine load |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            foreach (var p in sweep.Points)
            {
                md.Append($"| {Format.Rate(p.OfferedPerSecond)} | {Format.Rate(p.AchievedPerSecond)} | {p.Missed} | {Format.Percent(p.ErrorRate)} | {Format.Ms(p.P50)} | {Format.Ms(p.P90)} | {Format.Ms(p.P99)} | {Format.Ms(p.Max)} | {Load(p.MachineLoad)} |\n");
            }
        }

        md.Append("\n## Thresholds\n\n| rule | subject | actual | result |\n|---|---|---:|---|\n");
        foreach (var t in report.Thresholds)
        {
            md.Append($"| `{t.Threshold}` | {t.Subject} | {t.Detail} | {(t.Passed ? "pass" : "**FAIL**")} |\n");
        }

        var e = report.Environment;
        md.Append($"\n## Environment\n\n- {e.ProcessorCount} CPUs, {e.OperatingSystem} ({e.Architecture}), {e.Runtime}, server GC {(e.ServerGc ? "on" : "off")}\n");
        md.Append($"- git commit {e.GitCommit}\n- load average at start {e.LoadAverageAtStart ?? "n/a"}, at end {e.LoadAverageAtEnd ?? "n/a"} (clients and servers share these CPUs, as may other work)\n");
        foreach (var note in report.Notes)
        {
            md.Append($"- {note}\n");
        }

        return md.ToString();
    }

    private static void Table(StringBuilder md, string[] header, IEnumerable<string[]> rows)
    {
        md.Append($"| {string.Join(" | ", header)} |\n|---|{string.Concat(Enumerable.Repeat("---:|", header.Length - 1))}\n");
        foreach (var row in rows)
        {
            md.Append($"| {string.Join(" | ", row)} |\n");
        }

        md.Append('\n');
    }

    private static string Rate(double? perSecond) => perSecond is { } r ? Format.Rate(r) : "n/a";

    private static string Load(double? load) => load is { } l ? Format.Number(l, "0.0") : "n/a";

    private static string Cpu(double? micros) => micros is { } m ? Format.Number(m, "0") : "n/a";
}
