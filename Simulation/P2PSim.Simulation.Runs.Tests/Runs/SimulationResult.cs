namespace P2PSim.Simulation.Runs.Tests.Runs;

/// <summary>What one seed did: its trace hash, what it checked, what broke.</summary>
internal sealed record SimulationResult(
    int Seed,
    string Plan,
    string TraceHash,
    long Events,
    long Steps,
    TimeSpan SimulatedTime,
    TimeSpan WallTime,
    int Operations,
    int Unanswered,
    int Downloads,
    int LogEntries,
    FaultCounts Faults,
    IReadOnlyList<string> Violations,
    IReadOnlyList<string> TraceTail)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>How to run this seed again, alone.</summary>
    public string ReplayCommand => SimulationRunner.ReplayCommand(Seed);

    public string Summary() =>
        $"{Plan}: {Operations} operations ({Unanswered} unanswered), {Downloads} verified downloads, {LogEntries} log entries, faults: {Faults}, " +
        $"{Events} events, {Steps} steps, {SimulatedTime.TotalSeconds:0.#} s simulated in {WallTime.TotalMilliseconds:0} ms, " +
        $"trace {TraceHash[..16]}";

    public string FailureReport() =>
        $"SIMULATION FAILED, {Summary()}\n" +
        string.Join("\n", Violations.Select(v => "  violation: " + v)) +
        $"\n  replay: {ReplayCommand}\n  last trace lines:\n" +
        string.Join("\n", TraceTail.TakeLast(60).Select(l => "    " + l));
}
