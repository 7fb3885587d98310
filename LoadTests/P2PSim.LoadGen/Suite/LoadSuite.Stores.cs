using System.Diagnostics;
using P2PSim.DirectoryServer.Registry.Durable;
using P2PSim.LoadGen.Engine;
using P2PSim.LoadGen.Scenarios;

namespace P2PSim.LoadGen.Suite;

/// <summary>The store rounds: the classic mix on each registry store, servers sharing one Redis, restart time.</summary>
internal sealed partial class LoadSuite
{
    /// <summary>Servers sharing one Redis in the scale-out runs.</summary>
    private static readonly int[] RedisScaleServers = [1, 2, 4];

    /// <summary>
    /// The classic mix on the memory store, on a durable store (in the work directory) and, when redis-server is
    /// installed, on one server over a Redis store, in short rounds interleaved with the order reversed every other
    /// round, as the ratio rounds are; then the mix on 1, 2 and 4 servers sharing that Redis; then, when on, the
    /// durable store's restart time at size. In-process servers only: an external target's store is not the suite's
    /// to choose.
    /// </summary>
    private async Task<StoreResults> RunStoresAsync(string work, CancellationToken cancellationToken)
    {
        if (_options.Target is not null)
        {
            _notes.Add("Store rounds skipped: an external target's registry store is not under the suite's control.");
            return new([], [], null);
        }

        var (redis, missing) = await RedisChild.TryStartAsync(cancellationToken);
        if (missing is not null)
        {
            _notes.Add($"Redis store rounds skipped: {missing}.");
        }

        await using (redis)
        {
            await using var memory = await DirectoryUnderTest.StartAsync(LoggingMode.Off, work, cancellationToken, StoreKind.Memory);
            await using var durable = await DirectoryUnderTest.StartAsync(LoggingMode.Off, work, cancellationToken, StoreKind.Durable);
            await using var shared = redis is null
                ? null
                : await DirectoryUnderTest.StartAsync(LoggingMode.Off, work, cancellationToken, StoreKind.Redis, redis, "lg-ratio");
            var rounds = new List<StoreRound>();
            for (var round = 1; round <= _plan.StoreRounds; round++)
            {
                var order = new List<(string Name, DirectoryUnderTest Server)> { ("memory", memory), ("durable", durable) };
                if (shared is not null)
                {
                    order.Add(("redis", shared));
                }

                if (round % 2 == 0)
                {
                    order.Reverse();
                }

                var figures = new Dictionary<string, StoreFigure>();
                foreach (var (name, server) in order)
                {
                    figures[name] = await MeasureStoreAsync(
                        $"store-ratio/{round}/{ClassicMixScenario.Name}-{name}", "store-ratio", [server], name == "redis" ? redis : null, cancellationToken);
                }

                rounds.Add(new StoreRound(round, figures["memory"], figures["durable"], figures.GetValueOrDefault("redis")));
            }

            var scale = redis is null ? [] : await RunRedisScaleAsync(work, redis, cancellationToken);
            RestartMeasurement? restart = null;
            if (_plan.RestartUsers > 0)
            {
                restart = await MeasureRestartAsync(work, _plan.RestartUsers, _restartFiles, cancellationToken);
            }

            return new(rounds, scale, restart);
        }
    }

    /// <summary>
    /// The classic mix with its clients spread over 1, 2 and 4 fresh servers sharing one registry on
    /// <paramref name="redis"/> (a key prefix per point, so each starts empty).
    /// </summary>
    private async Task<IReadOnlyList<RedisScalePoint>> RunRedisScaleAsync(string work, RedisChild redis, CancellationToken cancellationToken)
    {
        var points = new List<RedisScalePoint>();
        foreach (var count in RedisScaleServers)
        {
            var servers = new List<DirectoryUnderTest>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    servers.Add(await DirectoryUnderTest.StartAsync(LoggingMode.Off, work, cancellationToken, StoreKind.Redis, redis, $"lg-scale{count}"));
                }

                var figure = await MeasureStoreAsync($"store-scale/{count}-servers", "store-scale", servers, redis, cancellationToken);
                points.Add(new RedisScalePoint(count, figure));
            }
            finally
            {
                foreach (var server in servers)
                {
                    await server.DisposeAsync();
                }
            }
        }

        return points;
    }

    /// <summary>
    /// One closed run of the classic mix over <paramref name="servers"/>, with the durable store's fsyncs and the
    /// Redis's commands and CPU counted from the end of the warm-up to the end of the run.
    /// </summary>
    private async Task<StoreFigure> MeasureStoreAsync(
        string name, string group, IReadOnlyList<DirectoryUnderTest> servers, RedisChild? redis, CancellationToken cancellationToken)
    {
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, _plan.WarmUp.TotalSeconds));
        long? fsyncsAtStart = null;
        Task<long>? commandsAtStart = null;
        TimeSpan? cpuAtStart = null;
        var run = await RunAsync(
            name, group, ClassicMixScenario.Create([.. servers.Select(s => s.EndPoint)], UserPrefix, ClassicMixScenario.Name),
            [new KeepConstantClients(SuitePlan.ReferenceClients, _plan.StoreRound)], cancellationToken, warmUp: warmUp,
            measureStarted: () =>
            {
                fsyncsAtStart = servers[0].Fsyncs;
                commandsAtStart = redis?.CommandsProcessedAsync();
                cpuAtStart = redis?.CpuTime();
            });
        var ok = run.Total.Ok;
        double? fsyncsPerOp = servers[0].Fsyncs is { } fsyncs && fsyncsAtStart is { } atStart && ok > 0 ? (double)(fsyncs - atStart) / ok : null;
        double? commandsPerOp = null;
        double? redisCpuPerOp = null;
        if (redis is not null && commandsAtStart is not null && ok > 0)
        {
            var cpuAtEnd = redis.CpuTime();
            commandsPerOp = (double)(await redis.CommandsProcessedAsync() - await commandsAtStart) / ok;
            redisCpuPerOp = cpuAtEnd is { } end && cpuAtStart is { } start ? (end - start).TotalMicroseconds / ok : null;
        }

        return new StoreFigure(run.Total.OkPerSecond, run.Total.Latency.P50, run.Total.Latency.P99, run.Cost.CpuMicrosPerOp, fsyncsPerOp, commandsPerOp, redisCpuPerOp);
    }

    /// <summary>
    /// Fills a durable store through its API (concurrent users, so group commit shares the fsyncs; no compaction, so
    /// everything stays in the journal), then times <c>DurableRegistryStore.OpenAsync</c> from the journal alone and,
    /// after a compaction, from the snapshot. Each open starts after a full GC, as a fresh process would; the files are
    /// in the OS's page cache (just written), so a cold disk would add its read time.
    /// </summary>
    private async Task<RestartMeasurement> MeasureRestartAsync(string work, int users, int files, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(work, $"restart-{Guid.NewGuid():N}");
        try
        {
            _observer.Note($"restart: filling a durable store with {users:N0} users and {files:N0} files");
            var journalOnly = new DurableStoreOptions { CompactAfterRecords = long.MaxValue };
            var storage = new CountingJournalStorage(new FileJournalStorage(folder));
            var started = Stopwatch.GetTimestamp();
            await using (var store = await DurableRegistryStore.OpenAsync(storage, journalOnly))
            {
                await RegistrySeeder.SeedAsync(store, "rs", users, files, RestartParallelism, cancellationToken);
            }

            var fill = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var journalBytes = Bytes(folder);

            _observer.Note("restart: reopening from the journal");
            var (fromJournal, journalOpen) = await TimedOpenAsync(folder, journalOnly);
            await using (fromJournal)
            {
                await VerifyAsync(fromJournal, users, files);
                await fromJournal.CompactAsync();
            }

            var snapshotBytes = Bytes(folder);
            _observer.Note("restart: reopening from the snapshot");
            var (fromSnapshot, snapshotOpen) = await TimedOpenAsync(folder, new DurableStoreOptions());
            await using (fromSnapshot)
            {
                await VerifyAsync(fromSnapshot, users, files);
            }

            var measured = new RestartMeasurement(
                users, files, (2L * users) + files, fill, storage.Fsyncs, journalBytes, journalOpen, snapshotBytes, snapshotOpen);
            _observer.Note($"restart: fill {fill:0.0} s, open from journal {journalOpen:0.000} s, from snapshot {snapshotOpen:0.000} s");
            return measured;
        }
        finally
        {
            TryDelete(folder);
        }

        static async Task<(DurableRegistryStore Store, double Seconds)> TimedOpenAsync(string folder, DurableStoreOptions options)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var started = Stopwatch.GetTimestamp();
            var store = await DurableRegistryStore.OpenAsync(folder, options);
            return (store, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        static long Bytes(string folder) => new DirectoryInfo(folder).EnumerateFiles().Sum(f => f.Length);

        static async Task VerifyAsync(DurableRegistryStore store, int users, int files)
        {
            var state = await store.SnapshotAsync();
            var published = state.Sum(u => u.Files.Count);
            if (state.Count != users || published != files)
            {
                throw new InvalidOperationException($"the reopened store holds {state.Count} users and {published} files, not {users} and {files}");
            }
        }
    }
}
