using P2PSim.DirectoryServer.Registry;
using P2PSim.Systematic.Tests.Logging;
using P2PSim.Systematic.Tests.PlantedBugs;
using P2PSim.Systematic.Tests.RealCode;
using P2PSim.Systematic.Tests.RealCode.Histories;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Every exploration in this project by name, the planted bugs included: the tests run them from here and replay
/// looks them up here, so a trace saved by any test can be replayed by name.
/// </summary>
internal static class CoyoteScenarios
{
    public static IReadOnlyList<CoyoteScenario> All { get; } =
    [
        .. PlantedBugCatalogue.All.Select(b => new CoyoteScenario(b.Name, b.Races, b.Scenario)),
        new("registry-atomicity", RaceChecking.MemoryAccess, RegistryConcurrencyTests.RacingScenarioAsync),
        new("registry-invariants-synchronization", RaceChecking.Synchronization, RegistryInvariantTests.ScenarioAsync),
        new("registry-invariants-memoryaccess", RaceChecking.MemoryAccess, RegistryInvariantTests.ScenarioAsync),
        new("registry-invariants-controlflow", RaceChecking.ControlFlow, RegistryInvariantTests.ScenarioAsync),
        new("server-sessions", RaceChecking.MemoryAccess, ServerSessionTests.ScenarioAsync),
        new("transport-echo-plain", RaceChecking.MemoryAccess, () => InMemoryTransportTests.EchoAsync(cancellable: false)),
        new("transport-echo-cancellable", RaceChecking.MemoryAccess, () => InMemoryTransportTests.EchoAsync(cancellable: true)),
        new("datagram-echo-then-dispose", RaceChecking.MemoryAccess, InMemoryDatagramTests.EchoThenDisposeAsync),
        new("datagram-log-server", RaceChecking.MemoryAccess, InMemoryDatagramTests.LogServerAnswersThenStopsAsync),
        new("log-sink-restarts-3x1", RaceChecking.Synchronization, () => SinkAcrossRestarts.RunAsync(new MemoryLogStore(), 3, 1)),
        new("log-sink-restarts-5x2", RaceChecking.Synchronization, () => SinkAcrossRestarts.RunAsync(new MemoryLogStore(), 5, 2)),
        new("block-scheduler-correct", RaceChecking.Synchronization, BlockCountedTwice.CorrectScenarioAsync),
        new("block-board-endgame-correct", RaceChecking.Synchronization, EndgameCopyCountedTwice.CorrectScenarioAsync),
        new("multi-source-stopped-source", RaceChecking.Synchronization, () => Downloads.FailingSourcesScenario.RunAsync(corruptSource: false)),
        new("multi-source-stopped-and-rotten-sources", RaceChecking.Synchronization, () => Downloads.FailingSourcesScenario.RunAsync(corruptSource: true)),
        new("multi-source-stopped-and-rotten-sources-memoryaccess", RaceChecking.MemoryAccess, () => Downloads.FailingSourcesScenario.RunAsync(corruptSource: true)),
        // The probabilistic strategy mostly keeps running the operation it switched to: a producer scheduled in the
        // one-instruction window after the sender's lock exit then runs its whole critical section in it (docs/debugging-races.md).
        new("real-sink-producers", RaceChecking.MemoryAccess, () => RealCode.Sink.ConcurrentProducersScenario.RunAsync(3, 2, journal: false),
            c => c.WithProbabilisticStrategy(3)),
        new("real-sink-producers-journal", RaceChecking.MemoryAccess, () => RealCode.Sink.ConcurrentProducersScenario.RunAsync(3, 2, journal: true)),
        new("real-dispatcher-churn", RaceChecking.MemoryAccess, RealCode.Dispatcher.DispatcherScenario.ChurnAsync),
        new("real-dispatcher-drain", RaceChecking.MemoryAccess, RealCode.Dispatcher.DispatcherScenario.DrainAsync),
        new("real-session-callers", RaceChecking.Synchronization, RealCode.Sessions.SessionCallersScenario.RunAsync),
        new("real-session-batches", RaceChecking.Synchronization, () => RealCode.Sessions.SessionCallersScenario.RunAsync(batchCallers: 2)),
        new("real-account-takeover", RaceChecking.Synchronization, RealCode.Accounts.AccountTakeoverScenario.RunAsync),
        new("real-presence-race", RaceChecking.Synchronization, RealCode.Presence.PresenceRaceScenario.RunAsync),
        new("real-presence-heartbeat-disconnect", RaceChecking.Synchronization, RealCode.Presence.HeartbeatDisconnectScenario.RunAsync),
        new("real-presence-server-stop", RaceChecking.Synchronization, RealCode.Presence.StopWithSessionOpenScenario.RunAsync),
        new("real-presence-client-resume", RaceChecking.Synchronization, () => RealCode.Presence.ResumeBesideDisconnectScenario.RunAsync(afterLoss: false)),
        new("real-presence-client-resume-after-loss", RaceChecking.Synchronization, () => RealCode.Presence.ResumeBesideDisconnectScenario.RunAsync(afterLoss: true)),
        new("journal-group-commit", RaceChecking.MemoryAccess, () => RealCode.Journal.GroupCommitScenario.RunAsync(operations: 3, recordsEach: 2, fault: false)),
        new("journal-group-commit-disk-full", RaceChecking.MemoryAccess, () => RealCode.Journal.GroupCommitScenario.RunAsync(operations: 3, recordsEach: 2, fault: true)),
        new("durable-store-power-cut", RaceChecking.Synchronization, () => RealCode.Journal.DurableStoreScenario.RunAsync(clients: 2, compactEvery: 2)),
        new("real-board-one-holder", RaceChecking.Synchronization, () => RealCode.Board.BoardScenario.RunAsync(endgame: false)),
        new("real-board-endgame", RaceChecking.Synchronization, () => RealCode.Board.BoardScenario.RunAsync(endgame: true)),
        new("real-board-verified-writes", RaceChecking.Synchronization, RealCode.Board.VerifiedWritesScenario.RunAsync),
        new("reader-beside-writer-correct", RaceChecking.ControlFlow, () => ReaderBesideWriter.ScenarioAsync(new MonitorReaderWriterLock())),
        new("registry-real-identical-requests", RaceChecking.Synchronization, IdenticalRequestsScenario.RunAsync),
        new("registry-real-writes-beside-reader", RaceChecking.Synchronization, WritesBesideReaderScenario.RunAsync),
        new("rwlock-real-exclusion", RaceChecking.MemoryAccess, ExclusionScenario.RunAsync),
        new("rwlock-real-writer-not-starved", RaceChecking.Synchronization, WriterStarvationScenario.RunAsync, WriterStarvationScenario.Settings),
        .. HistoryCases.All.Select((c, k) => new CoyoteScenario(HistoryCases.Name(k), RaceChecking.Synchronization, () => HistoryScenario.RunAsync(c))),
    ];

    public static CoyoteScenario Named(string name) =>
        All.SingleOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"No Coyote scenario named '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}", nameof(name));
}
