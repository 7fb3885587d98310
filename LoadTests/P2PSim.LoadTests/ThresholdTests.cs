using P2PSim.LoadGen.Engine;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadTests;

public sealed class ThresholdTests
{
    [Theory]
    [InlineData("closed/classic-mix:p99<20ms", "closed/classic-mix", "P99", 20_000)]
    [InlineData("p95<1.5s", "*", "P95", 1_500_000)]
    [InlineData("max<800us", "*", "Max", 800)]
    [InlineData("p50<3", "*", "P50", 3_000)]
    [InlineData("*:errors<1%", "*", "ErrorRate", 0.01)]
    [InlineData("closed/*:throughput>1000", "closed/*", "Throughput", 1000)]
    [InlineData("ratio>0.8", "*", "CeilingRatio", 0.8)]
    [InlineData("store-ratio>0.7", "*", "StoreRatio", 0.7)]
    [InlineData("redis-ratio>0.5", "*", "RedisRatio", 0.5)]
    public void Parses_scope_metric_and_limit(string text, string scope, string metric, double limit)
    {
        var threshold = Threshold.Parse(text);

        Assert.Equal(scope, threshold.Scope);
        Assert.Equal(metric, threshold.Metric.ToString());
        Assert.Equal(limit, threshold.Limit, 9);
    }

    [Theory]
    [InlineData("p99>20ms")]
    [InlineData("throughput<5")]
    [InlineData("p99<20 parsecs")]
    [InlineData("latency<20ms")]
    [InlineData("store-ratio<0.7")]
    [InlineData("")]
    public void Rejects_what_it_cannot_check(string text)
    {
        Assert.Throws<ArgumentException>(() => Threshold.Parse(text));
    }

    [Fact]
    public void Scope_wildcards_match_run_names()
    {
        var threshold = Threshold.Parse("sweep/*/0.50:p99<10ms");

        Assert.True(threshold.Covers("sweep/classic-mix/0.50"));
        Assert.False(threshold.Covers("sweep/classic-mix/1.00"));
        Assert.False(threshold.Covers("closed/classic-mix"));
    }

    [Fact]
    public void Evaluation_fails_slow_or_failing_runs_and_scopes_that_match_nothing()
    {
        RunResult[] runs = [Run("closed/fast", p99: 2_000, ok: 1000, failed: 0), Run("closed/slow", p99: 90_000, ok: 990, failed: 10)];
        Threshold[] thresholds =
        [
            Threshold.Parse("closed/*:p99<10ms"), Threshold.Parse("closed/*:errors<0.5%"), Threshold.Parse("logging/*:errors<1%"),
            Threshold.Parse("transfer/*:errors<1%") with { Required = false },
        ];
        var headline = new Headline(100, null, 90, null, null, null, null, []);

        var results = ThresholdEvaluator.Evaluate([.. thresholds, Threshold.Parse("ratio>0.8")], runs, headline);

        Assert.Collection(
            results,
            r => Assert.True(r.Passed && r.Subject == "closed/fast"),
            r => Assert.False(r.Passed || r.Subject != "closed/slow"),
            r => Assert.True(r.Passed && r.Subject == "closed/fast"),
            r => Assert.False(r.Passed || r.Subject != "closed/slow"),
            r => Assert.False(r.Passed || r.Detail != "no run matched the scope"),
            r => Assert.True(r.Passed && r.Actual == 0.9));
    }

    [Fact]
    public void Store_ratio_is_the_median_of_the_store_rounds_and_fails_when_none_ran()
    {
        var headline = new Headline(null, null, null, null, null, null, null, [])
        {
            StoreRounds = [Round(1, 1000, 900), Round(2, 1000, 500), Round(3, 1000, 750)],
        };
        var none = new Headline(null, null, null, null, null, null, null, []);
        var rule = Threshold.Parse("store-ratio>0.7");

        var met = Assert.Single(ThresholdEvaluator.Evaluate([rule], [], headline));
        var missing = Assert.Single(ThresholdEvaluator.Evaluate([rule], [], none));

        Assert.True(met.Passed);
        Assert.Equal(0.75, met.Actual);
        Assert.True(headline.DurableGoalMet);
        Assert.False(missing.Passed);
        Assert.Empty(ThresholdEvaluator.Evaluate([rule with { Required = false }], [], none));
        Assert.False(Assert.Single(ThresholdEvaluator.Evaluate([Threshold.Parse("store-ratio>0.8")], [], headline)).Passed);
    }

    [Fact]
    public void Redis_ratio_is_the_median_over_the_rounds_that_ran_redis_and_is_left_out_when_none_did()
    {
        var headline = new Headline(null, null, null, null, null, null, null, [])
        {
            StoreRounds = [Round(1, 1000, 900, redis: 400), Round(2, 1000, 500), Round(3, 1000, 750, redis: 600), Round(4, 1000, 700, redis: 700)],
        };
        var withoutRedis = new Headline(null, null, null, null, null, null, null, []) { StoreRounds = [Round(1, 1000, 900)] };
        var rule = Threshold.Parse("redis-ratio>0.5");

        var met = Assert.Single(ThresholdEvaluator.Evaluate([rule], [], headline));

        Assert.True(met.Passed);
        Assert.Equal(0.6, met.Actual!.Value, 9);
        Assert.True(headline.RedisGoalMet);
        Assert.Equal(600, headline.StoreMedians!.Redis!.PerSecond);
        Assert.Null(withoutRedis.RedisVsMemory);
        Assert.Null(withoutRedis.StoreMedians!.Redis);
        Assert.False(Assert.Single(ThresholdEvaluator.Evaluate([rule], [], withoutRedis)).Passed);
        Assert.Empty(ThresholdEvaluator.Evaluate([rule with { Required = false }], [], withoutRedis));
    }

    internal static StoreRound Round(int round, double memory, double durable, double? redis = null) =>
        new(
            round, new StoreFigure(memory, 1_000, 5_000, 100, null), new StoreFigure(durable, 2_000, 9_000, 150, 0.25),
            redis is { } r ? new StoreFigure(r, 3_000, 12_000, 200, null, 7.5, 18) : null);

    private static RunResult Run(string name, long p99, long ok, long failed)
    {
        var latency = new LatencySummary(ok, p99 / 2.0, p99 / 4, p99 / 3, p99 / 2, p99 / 2, p99, p99, p99);
        var total = new StepResult("all", ok, failed, 0, ok, 0, latency, new Dictionary<string, long>());
        return new RunResult(name, "closed", "s", "d", [], 1, null, 0, [total], total, [], ProcessCost.Empty, null);
    }
}
