using P2PSim.LoadGen.Ceilings;
using P2PSim.LoadGen.Engine;
using P2PSim.LoadGen.Scenarios;

namespace P2PSim.LoadGen.Suite;

/// <summary>
/// The whole suite, in one process, one run after another (never two at once: they would share the CPU):
/// the bare ceilings, the classic mix closed (P2PSim client and bare client), the classic-mix sweep (and in full
/// mode the bare server's sweep), ramps, the interleaved ratio rounds, the classic mix over sessions beside the bare
/// persistent and pipelined ceilings, the classic mix on the memory, the durable and the Redis store (servers sharing
/// one Redis, and the durable store's restart time at size), read-heavy lists at 10,000 users, transfers, and the classic mix under each logging mode.
/// Each group gets a fresh in-process server unless a target was given.
/// </summary>
internal sealed partial class LoadSuite
{
    private const string UserPrefix = "lg";

    /// <summary>Users filled at a time into the restart measurement's store: their fsyncs are shared (group commit).</summary>
    private const int RestartParallelism = 256;

    private readonly SuiteOptions _options;
    private readonly IRunObserver _observer;
    private readonly SuitePlan _plan;
    private readonly List<RunResult> _runs = [];
    private readonly List<SweepResult> _sweeps = [];
    private readonly List<string> _notes = [];
    private readonly int _restartFiles;

    public LoadSuite(SuiteOptions options, IRunObserver observer)
    {
        _options = options;
        _observer = observer;
        var plan = SuitePlan.For(options.Mode);
        _plan = plan with
        {
            SessionRounds = options.SessionRounds ?? plan.SessionRounds,
            SessionRound = options.SessionRound ?? plan.SessionRound,
            SessionLongRuns = plan.SessionLongRuns && !options.SessionsOnly && !options.StoresOnly,
            StoreRounds = options.StoreRounds ?? plan.StoreRounds,
            StoreRound = options.StoreRound ?? plan.StoreRound,
            RestartUsers = options.RestartUsers ?? plan.RestartUsers,
        };
        _restartFiles = options.RestartFiles ?? _plan.RestartUsers * SuitePlan.RestartFilesPerUser;
    }

    /// <summary>Neither only-switch: the whole suite.</summary>
    private bool Everything => !_options.SessionsOnly && !_options.StoresOnly;

    public async Task<SuiteReport> RunAsync(string name, CancellationToken cancellationToken)
    {
        var started = DateTimeOffset.UtcNow;
        var environment = EnvironmentInfo.Capture();
        var work = Path.Combine(Path.GetTempPath(), $"p2psim-load-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await PrimeAsync(work, cancellationToken);
            IReadOnlyList<RatioRound> rounds = [];
            IReadOnlyList<LoggingComparison> logging = [];
            IReadOnlyList<SessionRound> sessionRounds = [];
            var stores = new StoreResults([], [], null);
            if (Everything)
            {
                await RunCeilingsAsync(cancellationToken);
                await RunClassicAsync(work, cancellationToken);
                rounds = await RunRatioRoundsAsync(work, cancellationToken);
            }

            if (Everything || _options.SessionsOnly)
            {
                sessionRounds = await RunSessionsAsync(work, cancellationToken);
            }

            if (Everything || _options.StoresOnly)
            {
                stores = await RunStoresAsync(work, cancellationToken);
            }

            if (Everything)
            {
                await RunReadHeavyAsync(work, cancellationToken);
                await RunTransferAsync(work, cancellationToken);
                logging = await RunLoggingAsync(work, cancellationToken);
            }
            var headline = BuildHeadline(logging) with
            {
                RatioRounds = rounds,
                SessionRounds = sessionRounds,
                StoreRounds = stores.Rounds,
                RedisScale = stores.RedisScale,
                Restart = stores.Restart,
                BarePipelinedPerSecond = _runs.FirstOrDefault(r => r.Name == "ceiling/bare-pipelined")?.Total.OkPerSecond,
            };
            var thresholds = ThresholdEvaluator.Evaluate(_options.Thresholds, _runs, headline);
            return new SuiteReport(
                name,
                _options.Mode.ToString().ToLowerInvariant(),
                _options.Target is { } t ? $"external directory server {t}" : "in-process directory servers on 127.0.0.1 (TcpTransport)",
                started,
                DateTimeOffset.UtcNow,
                environment.WithEndLoad(),
                _runs,
                _sweeps,
                headline,
                thresholds,
                _notes);
        }
        finally
        {
            TryDelete(work);
        }
    }

    /// <summary>
    /// Unrecorded runs of the bare ceiling and the classic mix first: the first run in a process pays for JIT tiering
    /// and thread-pool growth, which would otherwise land on whichever figure happened to come first.
    /// </summary>
    private async Task PrimeAsync(string work, CancellationToken cancellationToken)
    {
        _observer.Note("priming (JIT, thread pool): not recorded");
        await using var bare = new BareOneShotServer();
        await using var server = await DirectoryAsync(LoggingMode.Off, work, cancellationToken);
        foreach (var scenario in new[] { CeilingScenarios.OneShot(bare.EndPoint), ClassicMixScenario.Create(server.EndPoint, UserPrefix) })
        {
            await ScenarioRunner.RunAsync(
                new RunSpec($"prime/{scenario.Name}", "prime", scenario, Reference(_plan.WarmUp), TimeSpan.Zero), NullObserver.Instance, cancellationToken);
        }
    }

    private async Task RunCeilingsAsync(CancellationToken cancellationToken)
    {
        await using (var bare = new BareOneShotServer())
        {
            await RunAsync("ceiling/bare-oneshot", "ceiling", CeilingScenarios.OneShot(bare.EndPoint), Reference(_plan.Closed), cancellationToken);
            if (_plan.SweepCeiling)
            {
                var capacity = Last.Total.OkPerSecond;
                await SweepAsync(CeilingScenarios.OneShotName, capacity, () => CeilingScenarios.OneShot(bare.EndPoint), cancellationToken);
            }
        }

        await using (var persistent = new BarePersistentServer())
        {
            await RunAsync("ceiling/bare-persistent", "ceiling", CeilingScenarios.Persistent(persistent.EndPoint), Reference(_plan.Closed), cancellationToken);
        }

        if (_plan.SessionLongRuns)
        {
            await using var pipelined = new BarePipelinedServer();
            await RunAsync(
                "ceiling/bare-pipelined", "ceiling", CeilingScenarios.Pipelined(pipelined.EndPoint, SessionScenarios.Depth), Reference(_plan.Closed), cancellationToken);
        }
    }

    /// <summary>
    /// The classic mix over sessions: long runs in full mode (one request in flight per session; pipelined through the
    /// session codecs and through DirectorySessionClient), then short rounds of each beside its ceiling and the
    /// classic mix, interleaved with the order reversed every other round, as the ratio rounds are.
    /// </summary>
    private async Task<IReadOnlyList<SessionRound>> RunSessionsAsync(string work, CancellationToken cancellationToken)
    {
        await using var persistent = new BarePersistentServer();
        await using var pipelined = new BarePipelinedServer();
        await using var server = await DirectoryAsync(LoggingMode.Off, work, cancellationToken);
        var sessions = SuitePlan.ReferenceClients;
        var callers = sessions * SessionScenarios.Depth;
        if (_plan.SessionLongRuns)
        {
            await RunAsync($"sessions/{SessionScenarios.MixName}", "sessions", SessionScenarios.Mix(server.EndPoint, UserPrefix), Reference(_plan.Closed), cancellationToken);
            await RunAsync(
                $"sessions/{SessionScenarios.PipelinedRawName}", "sessions", SessionScenarios.PipelinedRaw(server.IPEndPoint, UserPrefix), Reference(_plan.Closed), cancellationToken);
            await RunAsync(
                $"sessions/{SessionScenarios.PipelinedClientName}", "sessions", SessionScenarios.PipelinedClient(server.EndPoint, UserPrefix, sessions),
                [new KeepConstantClients(callers, _plan.Closed)], cancellationToken);
        }

        // What a login costs (hashing at the server's real PBKDF2 cost): its p50 is a user's wait at LOGIN.
        await RunAsync(
            $"sessions/{LoginScenario.Name}", "sessions", LoginScenario.Create(server.EndPoint, UserPrefix),
            [new KeepConstantClients(LoginScenario.Clients, _plan.Closed)], cancellationToken);

        var warmUp = TimeSpan.FromSeconds(Math.Min(1, _plan.WarmUp.TotalSeconds / 2));
        var rounds = new List<SessionRound>();
        for (var round = 1; round <= _plan.SessionRounds; round++)
        {
            (string Name, Scenario Scenario, int Clients)[] order =
            [
                (CeilingScenarios.PersistentName, CeilingScenarios.Persistent(persistent.EndPoint), sessions),
                (SessionScenarios.MixName, SessionScenarios.Mix(server.EndPoint, UserPrefix), sessions),
                (CeilingScenarios.PipelinedName, CeilingScenarios.Pipelined(pipelined.EndPoint, SessionScenarios.Depth), sessions),
                (SessionScenarios.PipelinedRawName, SessionScenarios.PipelinedRaw(server.IPEndPoint, UserPrefix), sessions),
                (SessionScenarios.PipelinedClientName, SessionScenarios.PipelinedClient(server.EndPoint, UserPrefix, sessions), callers),
                (SessionScenarios.PipelinedBatchName, SessionScenarios.PipelinedBatch(server.EndPoint, UserPrefix), sessions),
                (ClassicMixScenario.Name, ClassicMixScenario.Create(server.EndPoint, UserPrefix), sessions),
            ];
            if (round % 2 == 0)
            {
                Array.Reverse(order);
            }

            var runs = new Dictionary<string, RoundFigure>();
            foreach (var (name, scenario, clients) in order)
            {
                var run = await RunAsync(
                    $"session-ratio/{round}/{name}", "session-ratio", scenario, [new KeepConstantClients(clients, _plan.SessionRound)], cancellationToken, warmUp: warmUp);
                runs[name] = new RoundFigure(run.Total.OkPerSecond, run.Cost.CpuMicrosPerOp);
            }

            rounds.Add(new SessionRound(
                round,
                runs[CeilingScenarios.PersistentName],
                runs[SessionScenarios.MixName],
                runs[CeilingScenarios.PipelinedName],
                runs[SessionScenarios.PipelinedRawName],
                runs[SessionScenarios.PipelinedClientName],
                runs[SessionScenarios.PipelinedBatchName],
                runs[ClassicMixScenario.Name]));
        }

        return rounds;
    }

    private async Task RunClassicAsync(string work, CancellationToken cancellationToken)
    {
        await using var server = await DirectoryAsync(LoggingMode.Off, work, cancellationToken);
        await RunAsync("closed/classic-mix", "closed", ClassicMixScenario.Create(server.EndPoint, UserPrefix), Reference(_plan.Closed), cancellationToken);
        var capacity = Last.Total.OkPerSecond;
        await RunAsync("closed/classic-mix-raw", "closed", ClassicMixScenario.CreateRaw(server.IPEndPoint, UserPrefix), Reference(_plan.Closed), cancellationToken);
        await SweepAsync(ClassicMixScenario.Name, capacity, () => ClassicMixScenario.Create(server.EndPoint, UserPrefix), cancellationToken);
        await RunAsync(
            "ramp/classic-mix-clients", "ramp", ClassicMixScenario.Create(server.EndPoint, UserPrefix),
            [new RampClients(1, 2 * SuitePlan.ReferenceClients, _plan.Ramp)], cancellationToken);
        await RunAsync(
            "ramp/classic-mix-rate", "ramp", ClassicMixScenario.Create(server.EndPoint, UserPrefix),
            [new RampRate(Math.Max(1, 0.2 * capacity), Math.Max(2, 1.3 * capacity), _plan.Ramp)], cancellationToken);
    }

    /// <summary>
    /// Short closed runs of the bare ceiling and the classic mix (P2PSim client, bare client), interleaved and with the
    /// order reversed every other round, so a change in the machine's other load hits both sides of each ratio alike.
    /// </summary>
    private async Task<IReadOnlyList<RatioRound>> RunRatioRoundsAsync(string work, CancellationToken cancellationToken)
    {
        await using var bare = new BareOneShotServer();
        await using var server = await DirectoryAsync(LoggingMode.Off, work, cancellationToken);
        var warmUp = TimeSpan.FromSeconds(Math.Min(1, _plan.WarmUp.TotalSeconds));
        var rounds = new List<RatioRound>();
        for (var round = 1; round <= _plan.RatioRounds; round++)
        {
            (string Name, Scenario Scenario)[] order =
            [
                ("bare-oneshot", CeilingScenarios.OneShot(bare.EndPoint)),
                ("classic-mix", ClassicMixScenario.Create(server.EndPoint, UserPrefix)),
                ("classic-mix-raw", ClassicMixScenario.CreateRaw(server.IPEndPoint, UserPrefix)),
            ];
            if (round % 2 == 0)
            {
                Array.Reverse(order);
            }

            var runs = new Dictionary<string, RunResult>();
            foreach (var (name, scenario) in order)
            {
                runs[name] = await RunAsync($"ratio/{round}/{name}", "ratio", scenario, Reference(_plan.RatioRound), cancellationToken, warmUp: warmUp);
            }

            var (bareRun, classicRun, rawRun) = (runs["bare-oneshot"], runs["classic-mix"], runs["classic-mix-raw"]);
            rounds.Add(new RatioRound(
                round, bareRun.Total.OkPerSecond, classicRun.Total.OkPerSecond, rawRun.Total.OkPerSecond,
                bareRun.Cost.CpuMicrosPerOp, classicRun.Cost.CpuMicrosPerOp, rawRun.Cost.CpuMicrosPerOp));
        }

        return rounds;
    }

    private async Task RunReadHeavyAsync(string work, CancellationToken cancellationToken)
    {
        await using var server = await DirectoryAsync(LoggingMode.Off, work, cancellationToken);
        var prefix = $"rh{Guid.NewGuid():N}"[..8];
        if (server.Registry is { } registry)
        {
            RegistrySeeder.Seed(registry, prefix, _plan.ReadHeavyUsers);
        }
        else if (server.Store is { } store)
        {
            await RegistrySeeder.SeedAsync(store, prefix, _plan.ReadHeavyUsers, 2 * _plan.ReadHeavyUsers, 64, cancellationToken);
        }
        else
        {
            _observer.Note($"seeding {_plan.ReadHeavyUsers:N0} users on the target over the wire");
            await RegistrySeeder.SeedAsync(server.IPEndPoint, prefix, _plan.ReadHeavyUsers, cancellationToken);
        }

        await RunAsync(
            $"read-heavy/{_plan.ReadHeavyUsers}-users", "read-heavy",
            ReadHeavyScenario.Create(server.IPEndPoint, prefix, _plan.ReadHeavyUsers), Reference(_plan.ReadHeavy), cancellationToken);
    }

    private async Task RunTransferAsync(string work, CancellationToken cancellationToken)
    {
        await using var peer = await TransferPeer.StartAsync(work, _plan.TransferFileBytes, cancellationToken);
        await RunAsync(
            "transfer/single-source", "transfer",
            TransferScenario.Create(peer.EndPoint, TransferPeer.FileName, _plan.TransferFileBytes, peer.DownloadDirectory),
            [new KeepConstantClients(_plan.TransferClients, _plan.Transfer)], cancellationToken);

        // Four peers sharing the same file (same seed, same bytes); at least four blocks, so every source has work.
        var multiBytes = Math.Max(_plan.TransferFileBytes * 4, 4 * P2PSim.Protocol.Peer.FileManifest.MinBlockSize);
        var sources = new List<TransferPeer>();
        try
        {
            for (var i = 0; i < MultiSourceCount; i++)
            {
                sources.Add(await TransferPeer.StartAsync(Path.Combine(work, $"source{i}"), multiBytes, cancellationToken));
            }

            await RunAsync(
                $"transfer/multi-source-{MultiSourceCount}", "transfer",
                MultiSourceTransferScenario.Create(
                    $"transfer-multi-{MultiSourceCount}",
                    [.. sources.Select((p, i) => new Peer.Downloads.MultiSource.DownloadSource($"source{i}", p.EndPoint))],
                    TransferPeer.FileName, multiBytes, sources[0].DownloadDirectory),
                [new KeepConstantClients(_plan.TransferClients, _plan.Transfer)], cancellationToken);
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    /// <summary>Sources of the multi-source transfer scenario.</summary>
    private const int MultiSourceCount = 4;

    private async Task<IReadOnlyList<LoggingComparison>> RunLoggingAsync(string work, CancellationToken cancellationToken)
    {
        if (_options.Target is not null)
        {
            _notes.Add("Logging modes skipped: an external target's log sink is not under the suite's control.");
            return [];
        }

        var rows = new List<(LoggingMode Mode, RunResult Run, SinkCounters? Sink)>();
        foreach (var mode in _plan.LoggingModes)
        {
            await using var server = await DirectoryAsync(mode, work, cancellationToken);
            var run = await RunAsync(
                $"logging/{Name(mode)}", "logging", ClassicMixScenario.Create(server.EndPoint, UserPrefix, $"{ClassicMixScenario.Name}+log-{Name(mode)}"),
                Reference(_plan.Logging), cancellationToken);
            rows.Add((mode, run, server.SinkCounters));
        }

        // Off comes from its own fresh server when the plan has it, else from the closed classic run.
        var off = rows.FirstOrDefault(r => r.Mode == LoggingMode.Off).Run ?? _runs.First(r => r.Name == "closed/classic-mix");
        return rows.Select(r => new LoggingComparison(
                Name(r.Mode),
                r.Run.Total.OkPerSecond,
                r.Run.Total.Latency.P99,
                r.Run.Total.ErrorRate,
                off.Total.OkPerSecond > 0 ? r.Run.Total.OkPerSecond / off.Total.OkPerSecond : null,
                off.Total.Latency.P99 > 0 ? (double)r.Run.Total.Latency.P99 / off.Total.Latency.P99 : null,
                r.Sink))
            .ToList();
    }

    private async Task SweepAsync(string scenario, double capacity, Func<Scenario> create, CancellationToken cancellationToken)
    {
        var points = new List<SweepPoint>();
        foreach (var fraction in _plan.SweepFractions)
        {
            var rate = Math.Max(1, Math.Round(capacity * fraction));
            var run = await RunAsync(
                $"sweep/{scenario}/{fraction:0.00}", $"sweep:{scenario}", create(), [new InjectRate(rate, _plan.SweepStep)], cancellationToken, rate);
            points.Add(new SweepPoint(
                run.Name, rate, run.Total.OkPerSecond, run.Missed, run.Total.ErrorRate,
                run.Total.Latency.P50, run.Total.Latency.P90, run.Total.Latency.P99, run.Total.Latency.Max, run.MachineLoad));
        }

        _sweeps.Add(new SweepResult(scenario, capacity, points));
    }

    private Headline BuildHeadline(IReadOnlyList<LoggingComparison> logging)
    {
        double? Rate(string run) => _runs.FirstOrDefault(r => r.Name == run)?.Total.OkPerSecond;
        var classic = _sweeps.FirstOrDefault(s => s.Scenario == ClassicMixScenario.Name);
        var bare = _sweeps.FirstOrDefault(s => s.Scenario == CeilingScenarios.OneShotName);
        var saturation = classic?.SaturationPerSecond;
        return new Headline(
            Rate("ceiling/bare-oneshot"),
            Rate("ceiling/bare-persistent"),
            Rate("closed/classic-mix"),
            Rate("closed/classic-mix-raw"),
            saturation,
            bare?.SaturationPerSecond,
            saturation is { } s ? classic!.P99At(s / 2) : null,
            logging);
    }

    private async Task<RunResult> RunAsync(
        string name, string group, Scenario scenario, IReadOnlyList<LoadSimulation> simulations, CancellationToken cancellationToken,
        double? offered = null, TimeSpan? warmUp = null, Action? measureStarted = null)
    {
        var spec = new RunSpec(name, group, scenario, simulations, warmUp ?? _plan.WarmUp) { OfferedRate = offered, MeasureStarted = measureStarted };
        var result = await ScenarioRunner.RunAsync(spec, _observer, cancellationToken);
        _runs.Add(result);
        return result;
    }

    private RunResult Last => _runs[^1];

    private static LoadSimulation[] Reference(TimeSpan duration) => [new KeepConstantClients(SuitePlan.ReferenceClients, duration)];

    private async Task<DirectoryUnderTest> DirectoryAsync(LoggingMode mode, string work, CancellationToken cancellationToken) =>
        _options.Target is { } target
            ? DirectoryUnderTest.External(target)
            : await DirectoryUnderTest.StartAsync(mode, work, cancellationToken);

    private static string Name(LoggingMode mode) => mode.ToString().ToLowerInvariant();

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
