using System.Globalization;
using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// Checks thresholds against a finished suite. A required threshold that matches no run fails (a typo must not
/// pass); a default one is then left out.
/// </summary>
internal static class ThresholdEvaluator
{
    public static IReadOnlyList<ThresholdResult> Evaluate(IReadOnlyList<Threshold> thresholds, IReadOnlyList<RunResult> runs, Headline headline)
    {
        var results = new List<ThresholdResult>();
        foreach (var threshold in thresholds)
        {
            if (threshold.Metric == ThresholdMetric.CeilingRatio)
            {
                var ratio = headline.ClassicVsCeiling;
                results.Add(new ThresholdResult(
                    threshold.Text, "headline classic-mix / bare-oneshot", ratio, threshold.Limit, ratio is { } r && r > threshold.Limit,
                    ratio is null ? "the suite measured no ratio" : Format(ratio.Value)));
                continue;
            }

            if (threshold.Metric is ThresholdMetric.StoreRatio or ThresholdMetric.RedisRatio)
            {
                var (ratio, subject, none) = threshold.Metric == ThresholdMetric.StoreRatio
                    ? (headline.DurableVsMemory, "headline classic-mix durable store / memory store", "the suite ran no store rounds")
                    : (headline.RedisVsMemory, "headline classic-mix Redis store / memory store", "the suite ran no Redis store rounds");
                if (ratio is null && !threshold.Required)
                {
                    continue;
                }

                results.Add(new ThresholdResult(
                    threshold.Text, subject, ratio, threshold.Limit, ratio is { } r && r > threshold.Limit,
                    ratio is null ? none : Format(ratio.Value)));
                continue;
            }

            var covered = runs.Where(r => threshold.Covers(r.Name)).ToList();
            if (covered.Count == 0 && !threshold.Required)
            {
                continue;
            }

            if (covered.Count == 0)
            {
                results.Add(new ThresholdResult(threshold.Text, threshold.Scope, null, threshold.Limit, false, "no run matched the scope"));
                continue;
            }

            foreach (var run in covered)
            {
                var actual = Measure(threshold.Metric, run.Total);
                var passed = threshold.IsLowerBound ? actual > threshold.Limit : actual < threshold.Limit;
                if (threshold.Metric is not (ThresholdMetric.ErrorRate or ThresholdMetric.Throughput) && run.Total.Ok == 0)
                {
                    passed = false; // no latency at all is not a fast run
                }

                results.Add(new ThresholdResult(threshold.Text, run.Name, actual, threshold.Limit, passed, Format(actual)));
            }
        }

        return results;
    }

    private static double Measure(ThresholdMetric metric, StepResult total) => metric switch
    {
        ThresholdMetric.P50 => total.Latency.P50,
        ThresholdMetric.P75 => total.Latency.P75,
        ThresholdMetric.P90 => total.Latency.P90,
        ThresholdMetric.P95 => total.Latency.P95,
        ThresholdMetric.P99 => total.Latency.P99,
        ThresholdMetric.Max => total.Latency.Max,
        ThresholdMetric.ErrorRate => total.ErrorRate,
        ThresholdMetric.Throughput => total.OkPerSecond,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
