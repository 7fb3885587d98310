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

    /// <summary>The bare pipelining ceiling's long run (16 connections, 16 requests in flight each).</summary>
    public double? BarePipelinedPerSecond { get; init; }

    /// <summary>Interleaved rounds of the session runs, their ceilings and the classic mix; the session ratios are their medians.</summary>
    public IReadOnlyList<SessionRound> SessionRounds { get; init; } = [];

    /// <summary>Median over the session rounds of session mix / bare persistent ceiling.</summary>
    public double? SessionMixVsPersistent => SessionMedian(r => r.SessionMixVsPersistent);

    /// <summary>Median of pipelined sessions (session codecs alone) / bare pipelining ceiling.</summary>
    public double? PipelinedRawVsPipelined => SessionMedian(r => r.PipelinedRawVsPipelined);

    /// <summary>Median of pipelined sessions (DirectorySessionClient) / bare pipelining ceiling.</summary>
    public double? PipelinedClientVsPipelined => SessionMedian(r => r.PipelinedClientVsPipelined);

    /// <summary>Median of pipelined sessions (DirectorySessionClient batches) / bare pipelining ceiling.</summary>
    public double? PipelinedBatchVsPipelined => SessionMedian(r => r.PipelinedBatchVsPipelined);

    /// <summary>Median of session mix / classic mix.</summary>
    public double? SessionMixVsClassic => SessionMedian(r => r.SessionMixVsClassic);

    /// <summary>Median of pipelined sessions (session codecs alone) / classic mix.</summary>
    public double? PipelinedRawVsClassic => SessionMedian(r => r.PipelinedRawVsClassic);

    /// <summary>Median of pipelined sessions (DirectorySessionClient) / classic mix.</summary>
    public double? PipelinedClientVsClassic => SessionMedian(r => r.PipelinedClientVsClassic);

    /// <summary>Medians over the session rounds of each run's ops/s and CPU µs/op, in the rounds' order of runs.</summary>
    public SessionRound? SessionMedians => SessionRounds.Count == 0
        ? null
        : new SessionRound(
            0,
            MedianFigure(r => r.BarePersistent),
            MedianFigure(r => r.SessionMix),
            MedianFigure(r => r.BarePipelined),
            MedianFigure(r => r.PipelinedRaw),
            MedianFigure(r => r.PipelinedClient),
            MedianFigure(r => r.PipelinedBatch),
            MedianFigure(r => r.Classic));

    /// <summary>Interleaved rounds of the classic mix on the memory store and on the durable store.</summary>
    public IReadOnlyList<StoreRound> StoreRounds { get; init; } = [];

    /// <summary>Median over the store rounds of durable ÷ memory ops/s (goal ≥ <see cref="StoreRound.Goal"/>).</summary>
    public double? DurableVsMemory => StoreRounds.Count > 0 ? Median(StoreRounds.Select(r => r.DurableVsMemory)) : null;

    /// <summary>Whether the durable store met its goal; null without store rounds.</summary>
    public bool? DurableGoalMet => DurableVsMemory is { } r ? r >= StoreRound.Goal : null;

    /// <summary>Median over the store rounds that ran Redis of Redis ÷ memory ops/s (goal ≥ <see cref="StoreRound.RedisGoal"/>).</summary>
    public double? RedisVsMemory => StoreRounds.Select(r => r.RedisVsMemory).OfType<double>().ToList() is { Count: > 0 } ratios ? Median(ratios) : null;

    /// <summary>Whether the Redis store met its goal; null without Redis rounds.</summary>
    public bool? RedisGoalMet => RedisVsMemory is { } r ? r >= StoreRound.RedisGoal : null;

    /// <summary>Medians over the store rounds of each store's figures (Redis over the rounds that ran it).</summary>
    public StoreRound? StoreMedians => StoreRounds.Count == 0
        ? null
        : new StoreRound(
            0, MedianStore(StoreRounds, r => r.Memory), MedianStore(StoreRounds, r => r.Durable),
            StoreRounds.Where(r => r.Redis is not null).ToList() is { Count: > 0 } withRedis ? MedianStore(withRedis, r => r.Redis!) : null);

    /// <summary>The classic mix on 1, 2, 4… servers sharing one Redis; empty without Redis.</summary>
    public IReadOnlyList<RedisScalePoint> RedisScale { get; init; } = [];

    /// <summary>The durable store's restart time at size; null when not measured.</summary>
    public RestartMeasurement? Restart { get; init; }

    /// <summary>Sweep saturation of the classic mix / sweep saturation of the bare server (full mode).</summary>
    public double? SaturationVsCeiling => Ratio(ClassicSaturationPerSecond, BareSaturationPerSecond);

    private double? SessionMedian(Func<SessionRound, double> ratio) => SessionRounds.Count > 0 ? Median(SessionRounds.Select(ratio)) : null;

    private RoundFigure MedianFigure(Func<SessionRound, RoundFigure> figure) =>
        new(Median(SessionRounds.Select(r => figure(r).PerSecond)), Median(SessionRounds.Select(r => figure(r).CpuMicrosPerOp)));

    private static StoreFigure MedianStore(IReadOnlyList<StoreRound> rounds, Func<StoreRound, StoreFigure> figure)
    {
        return new(
            Median(rounds.Select(r => figure(r).PerSecond)),
            Median(rounds.Select(r => figure(r).P50)),
            Median(rounds.Select(r => figure(r).P99)),
            Median(rounds.Select(r => figure(r).CpuMicrosPerOp)),
            MedianOf(r => figure(r).FsyncsPerOp),
            MedianOf(r => figure(r).RedisCommandsPerOp),
            MedianOf(r => figure(r).RedisCpuMicrosPerOp));

        double? MedianOf(Func<StoreRound, double?> value) =>
            rounds.Select(value).OfType<double>().ToList() is { Count: > 0 } values ? Median(values) : null;
    }

    private static double? Ratio(double? a, double? b) => a is { } x && b is { } y && y > 0 ? x / y : null;

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
