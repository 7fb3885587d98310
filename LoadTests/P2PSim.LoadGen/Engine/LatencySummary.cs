using HdrHistogram;

namespace P2PSim.LoadGen.Engine;

/// <summary>Percentiles of a latency histogram, in microseconds; all zero when nothing was recorded.</summary>
internal sealed record LatencySummary(long Count, double MeanMicros, long P50, long P75, long P90, long P95, long P99, long P999, long Max)
{
    public static LatencySummary Empty { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public static LatencySummary Of(HistogramBase histogram)
    {
        var count = histogram.TotalCount;
        if (count == 0)
        {
            return Empty;
        }

        return new LatencySummary(
            count,
            histogram.GetMean(),
            histogram.GetValueAtPercentile(50),
            histogram.GetValueAtPercentile(75),
            histogram.GetValueAtPercentile(90),
            histogram.GetValueAtPercentile(95),
            histogram.GetValueAtPercentile(99),
            histogram.GetValueAtPercentile(99.9),
            histogram.GetMaxValue());
    }
}
