using System.Globalization;
using System.Text;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>Three CSV tables: per-step results of every run, sweep points, and every run's timeline.</summary>
internal static class CsvReport
{
    public static string Steps(SuiteReport report)
    {
        var csv = new StringBuilder();
        csv.Append("run,group,scenario,step,seconds,offered_per_s,ok,failed,error_rate,ok_per_s,bytes_per_s,mean_us,p50_us,p75_us,p90_us,p95_us,p99_us,p999_us,max_us,missed,cpu_us_per_op,user_us_per_op,kernel_us_per_op,alloc_bytes_per_op\n");
        foreach (var run in report.Runs)
        {
            foreach (var step in run.Steps.Append(run.Total))
            {
                Row(csv, run.Name, run.Group, run.Scenario, step.Name, N(run.MeasuredSeconds), run.OfferedRate is { } o ? N(o) : "",
                    N(step.Ok), N(step.Failed), N(step.ErrorRate), N(step.OkPerSecond), N(step.BytesPerSecond), N(step.Latency.MeanMicros),
                    N(step.Latency.P50), N(step.Latency.P75), N(step.Latency.P90), N(step.Latency.P95), N(step.Latency.P99), N(step.Latency.P999),
                    N(step.Latency.Max), N(run.Missed), N(run.Cost.CpuMicrosPerOp), N(run.Cost.UserMicrosPerOp), N(run.Cost.KernelMicrosPerOp),
                    N(run.Cost.AllocatedBytesPerOp));
            }
        }

        return csv.ToString();
    }

    public static string Sweeps(SuiteReport report)
    {
        var csv = new StringBuilder();
        csv.Append("scenario,run,offered_per_s,achieved_per_s,missed,error_rate,p50_us,p90_us,p99_us,max_us,machine_load\n");
        foreach (var sweep in report.Sweeps)
        {
            foreach (var p in sweep.Points)
            {
                Row(csv, sweep.Scenario, p.RunName, N(p.OfferedPerSecond), N(p.AchievedPerSecond), N(p.Missed), N(p.ErrorRate), N(p.P50), N(p.P90), N(p.P99), N(p.Max), p.MachineLoad is { } l ? N(l) : "");
            }
        }

        return csv.ToString();
    }

    public static string Timeline(SuiteReport report)
    {
        var csv = new StringBuilder();
        csv.Append("run,seconds,level,ok_per_s,failed_per_s,p50_us,p99_us,max_us\n");
        foreach (var run in report.Runs)
        {
            foreach (var p in run.Timeline)
            {
                Row(csv, run.Name, N(p.Seconds), N(p.Level), N(p.OkPerSecond), N(p.FailedPerSecond), N(p.P50), N(p.P99), N(p.Max));
            }
        }

        return csv.ToString();
    }

    private static void Row(StringBuilder csv, params string[] cells)
    {
        csv.AppendJoin(',', cells.Select(Quote)).Append('\n');
    }

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    private static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
