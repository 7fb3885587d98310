using System.Text.Json;
using P2PSim.LoadGen.Reports;

namespace P2PSim.LoadTests;

/// <summary>The smoke suite: every scenario ran against real servers, and the report folder holds every format.</summary>
[Collection(SmokeSuiteCollection.Name)]
public sealed class SmokeSuiteTests(SmokeSuiteFixture smoke)
{
    [Fact]
    public void Every_scenario_ran_with_load_and_without_errors()
    {
        string[] expected =
        [
            "ceiling/bare-oneshot", "ceiling/bare-persistent", "closed/classic-mix", "closed/classic-mix-raw",
            "ramp/classic-mix-clients", "ramp/classic-mix-rate", "read-heavy/10000-users", "transfer/single-source",
            "transfer/multi-source-4", "logging/up",
            "session-ratio/1/bare-persistent", "session-ratio/1/session-mix", "session-ratio/1/bare-pipelined",
            "session-ratio/1/session-pipelined-raw", "session-ratio/1/session-pipelined", "session-ratio/1/classic-mix",
            "store-ratio/1/classic-mix-memory", "store-ratio/1/classic-mix-durable", "store-ratio/1/classic-mix-redis",
            "store-scale/1-servers", "store-scale/2-servers", "store-scale/4-servers",
        ];
        foreach (var name in expected)
        {
            var run = smoke.Report.Runs.SingleOrDefault(r => r.Name == name);
            Assert.True(run is not null, $"no run {name}; progress:\n{smoke.Progress}");
            Assert.True(run.Total.Ok > 0, $"{name} completed nothing");
            Assert.True(run.Total.ErrorRate < 0.01, $"{name}: error rate {run.Total.ErrorRate}, reasons {string.Join(", ", run.Total.FailureReasons)}");
            Assert.NotEmpty(run.Timeline);
        }

        Assert.True(smoke.Report.Passed, string.Join("\n", smoke.Report.Thresholds.Where(t => !t.Passed).Select(t => $"{t.Threshold} {t.Subject} {t.Detail}")));
    }

    [Fact]
    public void Classic_mix_steps_are_the_five_operations()
    {
        var run = smoke.Report.Runs.Single(r => r.Name == "closed/classic-mix");

        Assert.Equal(["REGISTER", "CONNECT", "PUBLISH", "LIST_USERS", "DISCONNECT"], run.Steps.Select(s => s.Name));
        Assert.All(run.Steps, s => Assert.True(s.Latency.P50 > 0 && s.Latency.P99 >= s.Latency.P50 && s.Latency.Max >= s.Latency.P99));
    }

    [Fact]
    public void Sweep_raises_offered_load_and_the_headline_states_ratios_to_the_ceiling()
    {
        var sweep = Assert.Single(smoke.Report.Sweeps);
        var offered = sweep.Points.Select(p => p.OfferedPerSecond).ToList();
        var headline = smoke.Report.Headline;

        Assert.Equal(3, offered.Count);
        Assert.Equal(offered.Order(), offered);
        Assert.True(sweep.SaturationPerSecond > 0);
        Assert.NotNull(headline.ClassicVsCeiling);
        Assert.NotNull(headline.ClassicRawVsCeiling);
        Assert.NotNull(headline.P99AtHalfSaturation);
        Assert.Equal("up", Assert.Single(headline.Logging).Mode);
        Assert.Equal(2, headline.RatioRounds.Count);
        Assert.All(headline.RatioRounds, r => Assert.True(r.BareOneShotPerSecond > 0 && r.ClassicPerSecond > 0 && r.ClassicRawPerSecond > 0));
        Assert.Equal(6, smoke.Report.Runs.Count(r => r.Group == "ratio"));
    }

    [Fact]
    public void Session_rounds_measure_sessions_beside_their_ceilings_and_the_classic_mix()
    {
        var headline = smoke.Report.Headline;
        var round = Assert.Single(headline.SessionRounds);

        Assert.All(
            new[] { round.BarePersistent, round.SessionMix, round.BarePipelined, round.PipelinedRaw, round.PipelinedClient, round.Classic },
            f => Assert.True(f.PerSecond > 0 && f.CpuMicrosPerOp > 0, $"a session round run measured {f}"));
        Assert.Equal(round.SessionMix.PerSecond / round.BarePersistent.PerSecond, headline.SessionMixVsPersistent);
        Assert.Equal(round.PipelinedRaw.PerSecond / round.BarePipelined.PerSecond, headline.PipelinedRawVsPipelined);
        Assert.Equal(round.PipelinedClient.PerSecond / round.Classic.PerSecond, headline.PipelinedClientVsClassic);

        // Pipelined runs count every reply: many more than one operation per iteration, each with its own latency.
        var raw = smoke.Report.Runs.Single(r => r.Name == "session-ratio/1/session-pipelined-raw");
        Assert.Equal(["request"], raw.Steps.Select(s => s.Name));
        Assert.True(raw.Total.Latency.P50 > 0 && raw.Total.Latency.Max >= raw.Total.Latency.P50);
        var client = smoke.Report.Runs.Single(r => r.Name == "session-ratio/1/session-pipelined");
        // Concurrent callers on one session: the steps show up in whatever order the first calls finished.
        Assert.Equal(["CONNECT", "DISCONNECT", "LIST_USERS", "PUBLISH", "REGISTER"], client.Steps.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Store_round_measures_the_classic_mix_on_the_memory_and_the_durable_store()
    {
        var headline = smoke.Report.Headline;
        var round = Assert.Single(headline.StoreRounds);

        Assert.True(round.Memory.PerSecond > 0 && round.Memory.CpuMicrosPerOp > 0 && round.Memory.P99 >= round.Memory.P50, $"memory store: {round.Memory}");
        Assert.True(round.Durable.PerSecond > 0 && round.Durable.CpuMicrosPerOp > 0 && round.Durable.P99 >= round.Durable.P50, $"durable store: {round.Durable}");
        Assert.Null(round.Memory.FsyncsPerOp);
        Assert.True(round.Durable.FsyncsPerOp > 0, "the durable store's writes were not fsynced");
        Assert.Equal(round.Durable.PerSecond / round.Memory.PerSecond, headline.DurableVsMemory);
        Assert.Null(headline.Restart); // full mode only, or when asked for
    }

    [Fact]
    public void Store_round_measures_a_server_on_redis_and_servers_sharing_one_with_redis_commands_and_cpu_per_operation()
    {
        var headline = smoke.Report.Headline;
        var redis = Assert.Single(headline.StoreRounds).Redis;

        Assert.NotNull(redis); // ci/setup.sh installs redis-server
        Assert.True(redis.PerSecond > 0 && redis.P99 >= redis.P50, $"redis store: {redis}");
        // Each classic operation is one script on one Redis, plus the commands the script calls.
        Assert.InRange(redis.RedisCommandsPerOp!.Value, 1, 20);
        // CPU time comes in clock ticks (10 ms): a half-second smoke run may round Redis's share down to nothing.
        Assert.True(redis.RedisCpuMicrosPerOp >= 0, $"no Redis CPU figure: {redis}");
        Assert.Equal([1, 2, 4], headline.RedisScale.Select(p => p.Servers));
        Assert.All(headline.RedisScale, p => Assert.True(p.Figure.PerSecond > 0 && p.Figure.RedisCommandsPerOp >= 1, $"{p}"));
    }

    [Fact]
    public void Report_folder_holds_html_markdown_json_and_csv()
    {
        foreach (var file in new[] { ReportWriter.HtmlFile, ReportWriter.MarkdownFile, ReportWriter.JsonFile, "steps.csv", "sweeps.csv", "timeline.csv" })
        {
            var path = Path.Combine(smoke.Directory, file);
            Assert.True(File.Exists(path), $"{path} missing");
            Assert.True(new FileInfo(path).Length > 100, $"{path} is nearly empty");
        }

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(smoke.Directory, ReportWriter.JsonFile)));
        Assert.Equal(smoke.Report.Runs.Count, json.RootElement.GetProperty("runs").GetArrayLength());
        Assert.Equal(Environment.ProcessorCount, json.RootElement.GetProperty("environment").GetProperty("processorCount").GetInt32());

        var steps = File.ReadAllLines(Path.Combine(smoke.Directory, "steps.csv"));
        Assert.StartsWith("run,group,scenario,step,", steps[0]);
        Assert.Contains(steps, l => l.StartsWith("closed/classic-mix,closed,classic-mix,LIST_USERS,", StringComparison.Ordinal));

        var markdown = File.ReadAllText(Path.Combine(smoke.Directory, ReportWriter.MarkdownFile));
        Assert.Contains("classic mix / ceiling", markdown);
        Assert.Contains("## Ceiling rounds", markdown);
        Assert.Contains("## Session rounds", markdown);
        Assert.Contains("session mix / bare persistent", markdown);
        Assert.Contains("## Store rounds", markdown);
        Assert.Contains("durable store / memory store (goal ≥ 0.7)", markdown);
        Assert.Contains("## Sweep: classic-mix", markdown);
    }
}
