namespace P2PSim.LoadGen.Suite;

/// <summary>
/// The figures a report leads with. Ratios compare runs of this report only (measured minutes apart on the same
/// machine), never absolutes from elsewhere. Throughputs in operations/s, latencies in µs; null when the suite did
/// not run what a figure needs.
/// </summary>
internal sealed record Headline(
    double? BareOneShotPerSecond,
    double? BarePersistentPerSecond,
    double? ClassicPerSecond,
    double? ClassicRawPerSecond,
    double? ClassicSaturationPerSecond,
    double? BareSaturationPerSecond,
    double? P99AtHalfSaturation,
    IReadOnlyList<LoggingComparison> Logging)
{
    /// <summary>Interleaved short rounds of bare ceiling and classic mix; the ratios below are their medians.</summary>
    public IReadOnlyList<RatioRound> RatioRounds { get; init; } = [];

    /// <summary>
    /// P2PSim classic mix (its own client) / bare one-shot ceiling, closed with the reference clients: the median of
    /// the interleaved rounds when there are any (robust to other work on the machine), else the two long runs.
    /// </summary>
    public double? ClassicVsCeiling => RatioRounds.Count > 0 ? Median(RatioRounds.Select(r => r.ClassicVsCeiling)) : Ratio(ClassicPerSecond, BareOneShotPerSecond);

    /// <summary>Same, with the bare client against P2PSim: the server's share of the gap.</summary>
    public double? ClassicRawVsCeiling => RatioRounds.Count > 0 ? Median(RatioRounds.Select(r => r.ClassicRawVsCeiling)) : Ratio(ClassicRawPerSecond, BareOneShotPerSecond);

    /// <summary>Median over the rounds of CPU/op(ceiling) / CPU/op(classic mix, P2PSim client): the load-insensitive ratio.</summary>
    public double? ClassicCpuEfficiency => RatioRounds.Count > 0 ? Median(RatioRounds.Select(r => r.ClassicCpuEfficiency)) : null;

    /// <summary>Median CPU µs per operation of the ceiling, the classic mix and the classic mix with the bare client.</summary>
    public double? BareCpuMicrosPerOp => RatioRounds.Count > 0 ? Median(RatioRounds.Select(r => r.BareCpuMicrosPerOp)) : null;

    public double? ClassicCpuMicrosPerOp => RatioRounds.Count > 0 ? Median(RatioRounds.Select(r => r.ClassicCpuMicrosPerOp)) : null;

    public double? ClassicRawCpuMicrosPerOp => RatioRounds.Count > 0 ? Median(RatioRounds.Select(r => r.ClassicRawCpuMicrosPerOp)) : null;

    /// <summary>Smallest round ratio (classic / ceiling): with the largest, how much the machine moved under the suite.</summary>
    public double? ClassicVsCeilingMin => RatioRounds.Count > 0 ? RatioRounds.Min(r => r.ClassicVsCeiling) : null;

    /// <summary>Largest round ratio (classic / ceiling).</summary>
    public double? ClassicVsCeilingMax => RatioRounds.Count > 0 ? RatioRounds.Max(r => r.ClassicVsCeiling) : null;

    /// <summary>Sweep saturation of the classic mix / sweep saturation of the bare server (full mode).</summary>
    public double? SaturationVsCeiling => Ratio(ClassicSaturationPerSecond, BareSaturationPerSecond);

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
