namespace P2PSim.LoadGen.Suite;

/// <summary>One offered arrival rate of a sweep and what came back. Latencies in µs.</summary>
internal sealed record SweepPoint(
    string RunName,
    double OfferedPerSecond,
    double AchievedPerSecond,
    long Missed,
    double ErrorRate,
    long P50,
    long P90,
    long P99,
    long Max,
    double? MachineLoad);
