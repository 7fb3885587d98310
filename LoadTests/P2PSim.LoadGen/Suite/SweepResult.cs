namespace P2PSim.LoadGen.Suite;

/// <summary>
/// Offered load raised step by step for one scenario (open model). <see cref="CapacityEstimate"/> is the
/// closed-model throughput the steps were scaled from; the saturation throughput is the best rate achieved at any
/// step; the knee is the first step whose achieved rate fell below 95 % of the offered one, or whose p99 exceeded
/// ten times the lowest step's.
/// </summary>
internal sealed record SweepResult(string Scenario, double CapacityEstimate, IReadOnlyList<SweepPoint> Points)
{
    public double SaturationPerSecond => Points.Count == 0 ? 0 : Points.Max(p => p.AchievedPerSecond);

    public SweepPoint? Knee
    {
        get
        {
            if (Points.Count == 0)
            {
                return null;
            }

            var baseP99 = Math.Max(Points[0].P99, 1);
            return Points.FirstOrDefault(p => p.AchievedPerSecond < 0.95 * p.OfferedPerSecond || p.P99 > 10 * baseP99);
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
