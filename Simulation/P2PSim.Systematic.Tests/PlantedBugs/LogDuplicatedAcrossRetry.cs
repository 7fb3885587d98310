using P2PSim.Systematic.Tests.Logging;

namespace P2PSim.Systematic.Tests.PlantedBugs;

/// <summary>
/// (d) Log entries duplicated across a retry: the real <see cref="LogSink.RpcLogSink"/> against a log service whose
/// store does not drop a (sender, sequence) it has logged. When the service stops after storing a batch but before
/// its reply leaves, the sink rightly retries the batch and the service logs it twice. The product store
/// de-duplicates; the same scenario with it is <c>LogSinkTests</c>' clean exploration.
/// </summary>
internal static class LogDuplicatedAcrossRetry
{
    public static PlantedBug Bug { get; } = new(
        "log-duplicated-across-retry",
        "log service without the (sender, sequence) filter: a batch stored, reply lost to a restart, retried, logged twice",
        RaceChecking.Synchronization, Bound: 1000,
        () => SinkAcrossRestarts.RunAsync(new MemoryLogStore(dedupe: false), operations: 3, restarts: 1),
        "expected each of 1..3 once and in order");
}
