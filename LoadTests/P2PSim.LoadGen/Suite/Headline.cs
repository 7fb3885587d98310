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
    /// <summary>P2PSim classic mix (its own client) / bare one-shot ceiling, both closed with the reference clients.</summary>
    public double? ClassicVsCeiling => Ratio(ClassicPerSecond, BareOneShotPerSecond);

    /// <summary>Same, with the bare client against P2PSim: the server's share of the gap.</summary>
    public double? ClassicRawVsCeiling => Ratio(ClassicRawPerSecond, BareOneShotPerSecond);

    /// <summary>Sweep saturation of the classic mix / sweep saturation of the bare server (full mode).</summary>
    public double? SaturationVsCeiling => Ratio(ClassicSaturationPerSecond, BareSaturationPerSecond);

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;
}
