using System.Globalization;
using P2PSim.LoadGen.Progress;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadGen.Reports;

/// <summary>
/// The store figures (memory vs durable vs Redis, servers sharing one Redis, restart time) as table rows, shared by
/// the Markdown and HTML reports.
/// </summary>
internal static class StoreRows
{
    public static readonly string[] RoundHeader =
    [
        "round", "memory ops/s", "p50 ms", "p99 ms", "CPU µs/op", "durable ops/s", "p50 ms", "p99 ms", "CPU µs/op", "fsyncs/op", "durable ÷ memory",
        "redis ops/s", "p50 ms", "p99 ms", "CPU µs/op", "Redis commands/op", "Redis CPU µs/op", "redis ÷ memory",
    ];

    public static readonly string[] ScaleHeader =
    [
        "servers on one Redis", "ops/s", "p50 ms", "p99 ms", "CPU µs/op (clients and servers)", "Redis commands/op", "Redis CPU µs/op", "Redis-bound ops/s",
    ];

    public static readonly string[] RestartHeader =
    [
        "users", "files", "records", "fill s", "fill records/s", "fsyncs", "journal MB", "open from journal s", "snapshot MB", "open from snapshot s",
    ];

    /// <summary>Headline rows (figure, value); none when the suite ran no store rounds and no restart measurement.</summary>
    public static IEnumerable<string[]> Headline(Headline h)
    {
        var c = SuitePlan.ReferenceClients;
        if (h.StoreMedians is { } m)
        {
            var n = h.StoreRounds.Count;
            yield return
            [
                $"classic mix, {c} clients (median of {n} store rounds): memory store · durable store, ops/s",
                $"{Format.Rate(m.Memory.PerSecond)} · {Format.Rate(m.Durable.PerSecond)}",
            ];
            var verdict = h.DurableGoalMet is true ? "met" : "not met";
            yield return
            [
                $"durable store / memory store (goal ≥ {Format.Number(StoreRound.Goal)})",
                $"{Format.Ratio(h.DurableVsMemory)} ({verdict}; rounds {Format.Ratio(h.StoreRounds.Min(r => r.DurableVsMemory))}–{Format.Ratio(h.StoreRounds.Max(r => r.DurableVsMemory))})",
            ];
            yield return
            [
                "store rounds: p50 · p99 ms memory, durable; CPU µs/op memory · durable; fsyncs/op durable",
                $"{Format.Ms(m.Memory.P50)} · {Format.Ms(m.Memory.P99)}, {Format.Ms(m.Durable.P50)} · {Format.Ms(m.Durable.P99)}; "
                    + $"{Format.Number(m.Memory.CpuMicrosPerOp, "0.0")} · {Format.Number(m.Durable.CpuMicrosPerOp, "0.0")}; {Fsyncs(m.Durable.FsyncsPerOp)}",
            ];
            if (m.Redis is { } redis)
            {
                var redisVerdict = h.RedisGoalMet is true ? "met" : "not met";
                var ratios = h.StoreRounds.Select(r => r.RedisVsMemory).OfType<double>().ToList();
                yield return
                [
                    $"Redis store (one server) / memory store (goal ≥ {Format.Number(StoreRound.RedisGoal)})",
                    $"{Format.Ratio(h.RedisVsMemory)} ({redisVerdict}; {Format.Rate(redis.PerSecond)} ops/s; rounds {Format.Ratio(ratios.Min())}–{Format.Ratio(ratios.Max())})",
                ];
                yield return
                [
                    "Redis store: p50 · p99 ms; CPU µs/op clients and servers; Redis commands/op; Redis CPU µs/op",
                    $"{Format.Ms(redis.P50)} · {Format.Ms(redis.P99)}; {Format.Number(redis.CpuMicrosPerOp, "0.0")}; "
                        + $"{Optional(redis.RedisCommandsPerOp, "0.00")}; {Optional(redis.RedisCpuMicrosPerOp, "0.0")}",
                ];
            }
        }

        if (h.RedisScale.Count > 0)
        {
            yield return
            [
                $"classic mix on {string.Join(" · ", h.RedisScale.Select(p => p.Servers))} servers sharing one Redis, ops/s (one machine: the servers share its cores)",
                string.Join(" · ", h.RedisScale.Select(p => Format.Rate(p.Figure.PerSecond))),
            ];
        }

        if (h.Restart is { } r)
        {
            yield return
            [
                $"durable store restart, {r.Users:N0} users, {r.Files:N0} files ({r.Records:N0} records): from the journal · from the snapshot",
                $"{Format.Number(r.JournalOpenSeconds, "0.00")} s · {Format.Number(r.SnapshotOpenSeconds, "0.00")} s",
            ];
        }
    }

    public static IEnumerable<string[]> Rounds(Headline h) => h.StoreRounds.Select(r => new[]
    {
        r.Round.ToString(CultureInfo.InvariantCulture),
        Format.Rate(r.Memory.PerSecond), Format.Ms(r.Memory.P50), Format.Ms(r.Memory.P99), Format.Number(r.Memory.CpuMicrosPerOp, "0.0"),
        Format.Rate(r.Durable.PerSecond), Format.Ms(r.Durable.P50), Format.Ms(r.Durable.P99), Format.Number(r.Durable.CpuMicrosPerOp, "0.0"),
        Fsyncs(r.Durable.FsyncsPerOp), Format.Ratio(r.DurableVsMemory),
        Optional(r.Redis?.PerSecond, "0"), OptionalMs(r.Redis?.P50), OptionalMs(r.Redis?.P99), Optional(r.Redis?.CpuMicrosPerOp, "0.0"),
        Optional(r.Redis?.RedisCommandsPerOp, "0.00"), Optional(r.Redis?.RedisCpuMicrosPerOp, "0.0"), Format.Ratio(r.RedisVsMemory),
    });

    public static IEnumerable<string[]> Scale(Headline h) => h.RedisScale.Select(p => new[]
    {
        p.Servers.ToString(CultureInfo.InvariantCulture), Format.Rate(p.Figure.PerSecond), Format.Ms(p.Figure.P50), Format.Ms(p.Figure.P99),
        Format.Number(p.Figure.CpuMicrosPerOp, "0.0"), Optional(p.Figure.RedisCommandsPerOp, "0.00"), Optional(p.Figure.RedisCpuMicrosPerOp, "0.0"),
        Optional(p.RedisBoundPerSecond, "0"),
    });

    public static IEnumerable<string[]> Restart(Headline h)
    {
        if (h.Restart is not { } r)
        {
            yield break;
        }

        yield return
        [
            r.Users.ToString(CultureInfo.InvariantCulture), r.Files.ToString(CultureInfo.InvariantCulture), r.Records.ToString(CultureInfo.InvariantCulture),
            Format.Number(r.FillSeconds, "0.0"), Format.Rate(r.FillRecordsPerSecond), r.Fsyncs.ToString(CultureInfo.InvariantCulture),
            Format.Number(r.JournalBytes / 1e6, "0.0"), Format.Number(r.JournalOpenSeconds, "0.000"),
            Format.Number(r.SnapshotBytes / 1e6, "0.0"), Format.Number(r.SnapshotOpenSeconds, "0.000"),
        ];
    }

    private static string Fsyncs(double? perOp) => Optional(perOp, "0.000");

    private static string Optional(double? value, string format) => value is { } v ? Format.Number(v, format) : "n/a";

    private static string OptionalMs(double? micros) => micros is { } us ? Format.Ms(us) : "n/a";
}
