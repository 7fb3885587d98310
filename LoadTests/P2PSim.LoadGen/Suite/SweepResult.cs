namespace P2PSim.LoadGen.Suite;

/// <summary>
/// Offered load raised step by step for one scenario (open model). <see cref="CapacityEstimate"/> is the
/// closed-model throughput the steps were scaled from; the saturation throughput is the best rate achieved at any
/// step; the knee is the first step whose achieved rate fell below 95 % of the offered one, or whose median latency
/// exceeded five times the lowest step's (the median, not p99: on a shared machine one stall moves a p99).
/// </summary>
internal sealed record SweepResult(string Scenario, double CapacityEstimate, IReadOnlyList<SweepPoint> Points)
{
    public double SaturationPerSecond => Points.Count == 0 ? 0 : Points.Max(p => p.AchievedPerSecond);

    /// <summary>
    /// Whether the sweep reached saturation: some step achieved less than 95 % of its offered rate. When not, the
    /// saturation figure is a lower bound.
    /// </summary>
    public bool Saturated => Points.Any(p => p.AchievedPerSecond < 0.95 * p.OfferedPerSecond);

    public SweepPoint? Knee
    {
        get
        {
            if (Points.Count == 0)
            {
                return null;
            }

            var baseP50 = Math.Max(Points.Min(p => p.P50), 1);
            return Points.FirstOrDefault(p => p.AchievedPerSecond < 0.95 * p.OfferedPerSecond || p.P50 > 5 * baseP50);
        }
    }

    /// <summary>p99 (µs) at an offered rate, interpolated linearly between the two nearest steps; null outside the sweep.</summary>
    public double? P99At(double offeredPerSecond)
    {
        var sorted = Points.OrderBy(p => p.OfferedPerSecond).ToList();
        for (var i = 0; i + 1 < sorted.Count; i++)
        {
            var (a, b) = (sorted[i], sorted[i + 1]);
            if (offeredPerSecond >= a.OfferedPerSecond && offeredPerSecond <= b.OfferedPerSecond)
            {
                var span = b.OfferedPerSecond - a.OfferedPerSecond;
                var t = span <= 0 ? 0 : (offeredPerSecond - a.OfferedPerSecond) / span;
                return a.P99 + (t * (b.P99 - a.P99));
            }
        }

        return null;
    }
}
