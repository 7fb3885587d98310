using System.Globalization;
using System.Text.RegularExpressions;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// A pass/fail rule: <c>[scope:]metric&lt;limit</c> or <c>metric&gt;limit</c>. Scope is a run-name pattern with
/// <c>*</c> wildcards (all runs when absent). Examples: <c>closed/classic-mix:p99&lt;20ms</c>, <c>*:errors&lt;1%</c>,
/// <c>closed/*:throughput&gt;1000</c>, <c>ratio&gt;0.8</c>, <c>store-ratio&gt;0.7</c>, <c>redis-ratio&gt;0.5</c>. Latency limits take us, ms or s (ms when bare).
/// </summary>
internal sealed partial record Threshold(string Scope, ThresholdMetric Metric, double Limit, string Text)
{
    /// <summary>
    /// Whether matching no run fails the threshold: true for rules given on the command line (a typo must not pass),
    /// false for the defaults (a suite run against an external target has no logging runs).
    /// </summary>
    public bool Required { get; init; } = true;

    /// <summary>Latency limits are in µs; error rate a fraction; throughput per second; ratio a fraction.</summary>
    public bool IsLowerBound => Metric is ThresholdMetric.Throughput or ThresholdMetric.CeilingRatio or ThresholdMetric.StoreRatio or ThresholdMetric.RedisRatio;

    /// <exception cref="ArgumentException">Not a threshold this parser knows.</exception>
    public static Threshold Parse(string text)
    {
        var match = Shape().Match(text.Trim());
        if (!match.Success)
        {
            throw new ArgumentException($"threshold '{text}' is not [scope:]metric<limit or metric>limit");
        }

        var scope = match.Groups["scope"].Success ? match.Groups["scope"].Value : "*";
        var name = match.Groups["metric"].Value.ToLowerInvariant();
        var op = match.Groups["op"].Value;
        var number = double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value.ToLowerInvariant();
        var (metric, expected) = name switch
        {
            "p50" => (ThresholdMetric.P50, "<"),
            "p75" => (ThresholdMetric.P75, "<"),
            "p90" => (ThresholdMetric.P90, "<"),
            "p95" => (ThresholdMetric.P95, "<"),
            "p99" => (ThresholdMetric.P99, "<"),
            "max" => (ThresholdMetric.Max, "<"),
            "errors" => (ThresholdMetric.ErrorRate, "<"),
            "throughput" => (ThresholdMetric.Throughput, ">"),
            "ratio" => (ThresholdMetric.CeilingRatio, ">"),
            "store-ratio" => (ThresholdMetric.StoreRatio, ">"),
            "redis-ratio" => (ThresholdMetric.RedisRatio, ">"),
            _ => throw new ArgumentException($"threshold '{text}': unknown metric '{name}'"),
        };
        if (op != expected)
        {
            throw new ArgumentException($"threshold '{text}': {name} takes '{expected}'");
        }

        var limit = metric switch
        {
            ThresholdMetric.ErrorRate or ThresholdMetric.CeilingRatio or ThresholdMetric.StoreRatio or ThresholdMetric.RedisRatio => unit == "%" ? number / 100 : Unitless(number, unit, text),
            ThresholdMetric.Throughput => Unitless(number, unit, text),
            _ => unit switch
            {
                "us" or "µs" => number,
                "" or "ms" => number * 1000,
                "s" => number * 1_000_000,
                _ => throw new ArgumentException($"threshold '{text}': latency unit must be us, ms or s"),
            },
        };
        return new Threshold(scope, metric, limit, text.Trim());
    }

    /// <summary>Whether <paramref name="runName"/> is in this threshold's scope.</summary>
    public bool Covers(string runName) =>
        Regex.IsMatch(runName, "^" + Regex.Escape(Scope).Replace("\\*", ".*", StringComparison.Ordinal) + "$", RegexOptions.CultureInvariant);

    private static double Unitless(double number, string unit, string text) =>
        unit.Length == 0 ? number : throw new ArgumentException($"threshold '{text}': no unit expected");

    [GeneratedRegex(@"^(?:(?<scope>[^:<>]+):)?(?<metric>[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\s*(?<op>[<>])\s*(?<value>[0-9]+(?:\.[0-9]+)?)\s*(?<unit>%|us|µs|ms|s)?$")]
    private static partial Regex Shape();
}
