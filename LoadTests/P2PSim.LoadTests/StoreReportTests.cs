using System.Text.Json;
using P2PSim.DirectoryServer.Registry;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.LoadGen.Reports;
using P2PSim.LoadGen.Suite;

namespace P2PSim.LoadTests;

/// <summary>The store round's plumbing without a server: fsync counting, medians, and the report's rows.</summary>
public sealed class StoreReportTests
{
    [Fact]
    public async Task Counting_storage_counts_the_group_commits_and_the_snapshots()
    {
        var storage = new CountingJournalStorage(new MemoryJournalStorage());
        await using var store = await DurableRegistryStore.OpenAsync(storage);
        var atOpen = storage.Fsyncs;

        Assert.Equal(RegistryStatus.Ok, await store.RegisterAsync("alice"));
        var afterRegister = storage.Fsyncs;
        await store.CompactAsync();

        Assert.True(afterRegister > atOpen, $"no fsync counted for a REGISTER ({atOpen} → {afterRegister})");
        Assert.True(storage.Fsyncs > afterRegister, "the snapshot's write was not counted");
    }

    [Fact]
    public void Headline_takes_the_medians_of_the_store_rounds()
    {
        var headline = Headline() with { Restart = null };
        var medians = headline.StoreMedians!;

        Assert.Equal(0.6, headline.DurableVsMemory!.Value, 9);
        Assert.False(headline.DurableGoalMet);
        Assert.Equal(1000, medians.Memory.PerSecond);
        Assert.Equal(600, medians.Durable.PerSecond);
        Assert.Null(medians.Memory.FsyncsPerOp);
        Assert.Equal(0.25, medians.Durable.FsyncsPerOp);
    }

    [Fact]
    public void Reports_show_the_store_rounds_the_goals_the_servers_on_one_redis_and_the_restart_time()
    {
        var report = new SuiteReport(
            "store-test", "smoke", "in-process", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, EnvironmentInfo.Capture(), [], [], Headline(), [], []);

        var markdown = MarkdownReport.Render(report);
        var json = JsonReport.Render(report);
        var html = HtmlReport.Render(report, json);

        Assert.Contains("## Store rounds", markdown);
        Assert.Contains("| durable store / memory store (goal ≥ 0.7) | 0.60 (not met; rounds 0.50–0.90) |", markdown);
        Assert.Contains("| 2 | 1000 | 1.00 | 5.00 | 100.0 | 500 | 2.00 | 9.00 | 150.0 | 0.250 | 0.50 | n/a | n/a | n/a | n/a | n/a | n/a | n/a |", markdown);
        Assert.Contains("| 3 | 1000 | 1.00 | 5.00 | 100.0 | 600 | 2.00 | 9.00 | 150.0 | 0.250 | 0.60 | 550 | 3.00 | 12.00 | 200.0 | 7.50 | 18.0 | 0.55 |", markdown);
        Assert.Contains("| Redis store (one server) / memory store (goal ≥ 0.5) | 0.55 (met; 550 ops/s; rounds 0.55–0.55) |", markdown);
        Assert.Contains("## Servers sharing one Redis", markdown);
        Assert.Contains("| 1 | 550 | 3.00 | 12.00 | 200.0 | 7.50 | 18.0 | 55556 |", markdown);
        Assert.Contains("| 4 | 500 | 3.00 | 12.00 | 200.0 | 7.50 | 20.0 | 50000 |", markdown);
        Assert.Contains("<h2>Servers sharing one Redis", html);
        Assert.Contains("## Durable store restart", markdown);
        Assert.Contains("durable store restart, 100,000 users, 1,000,000 files (1,200,000 records): from the journal · from the snapshot | 4.50 s · 1.25 s |", markdown);
        Assert.Contains("| 100000 | 1000000 | 1200000 | 30.0 | 40000 | 5000 | 60.0 | 4.500 | 40.0 | 1.250 |", markdown);
        Assert.Contains("<h2>Store rounds", html);
        Assert.Contains("durable store / memory store (goal ≥ 0.7)", System.Net.WebUtility.HtmlDecode(html));

        using var document = JsonDocument.Parse(json);
        var headline = document.RootElement.GetProperty("headline");
        Assert.Equal(3, headline.GetProperty("storeRounds").GetArrayLength());
        Assert.Equal(0.6, headline.GetProperty("durableVsMemory").GetDouble(), 9);
        Assert.Equal(4.5, headline.GetProperty("restart").GetProperty("journalOpenSeconds").GetDouble());
    }

    private static Headline Headline() => new(null, null, null, null, null, null, null, [])
    {
        StoreRounds = [ThresholdTests.Round(1, 1000, 900), ThresholdTests.Round(2, 1000, 500), ThresholdTests.Round(3, 1000, 600, redis: 550)],
        RedisScale =
        [
            new RedisScalePoint(1, new StoreFigure(550, 3_000, 12_000, 200, null, 7.5, 18)),
            new RedisScalePoint(4, new StoreFigure(500, 3_000, 12_000, 200, null, 7.5, 20)),
        ],
        Restart = new RestartMeasurement(100_000, 1_000_000, 1_200_000, 30, 5_000, 60_000_000, 4.5, 40_000_000, 1.25),
    };
}
