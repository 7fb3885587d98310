namespace P2PSim.Simulation.Runtime;

/// <summary>Bounds on one simulated run, so a livelock or a lost wake-up fails fast instead of hanging CI.</summary>
public sealed record SimPumpLimits
{
    /// <summary>Continuations run before the run is declared livelocked.</summary>
    public long MaxSteps { get; init; } = 5_000_000;

    /// <summary>Virtual time the clock may reach.</summary>
    public TimeSpan MaxSimulatedTime { get; init; } = TimeSpan.FromHours(2);
}
