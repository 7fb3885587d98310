namespace P2PSim.LoadGen.Engine;

/// <summary>
/// One run: a scenario driven through its simulations after an unmeasured warm-up at the first simulation's
/// starting level, within an iteration budget.
/// </summary>
/// <param name="Name">Unique in a report (e.g. <c>sweep/classic-mix/4000</c>).</param>
/// <param name="Group">What the run belongs to: <c>ceiling</c>, <c>sweep:classic-mix</c>, <c>logging</c>….</param>
/// <param name="Scenario">What each iteration does.</param>
/// <param name="Simulations">The measured phases, run one after another.</param>
/// <param name="WarmUp">Unmeasured time before the first phase.</param>
internal sealed record RunSpec(string Name, string Group, Scenario Scenario, IReadOnlyList<LoadSimulation> Simulations, TimeSpan WarmUp)
{
    /// <summary>Bound on iterations over the whole run, warm-up included.</summary>
    public long MaxIterations { get; init; } = 50_000_000;

    /// <summary>The arrival rate the run offers, for sweep points.</summary>
    public double? OfferedRate { get; init; }

    /// <summary>
    /// Called when the measured phases start (after the warm-up): where a caller reads counters of its own (a
    /// store's fsyncs) to state per operation of the measured part alone.
    /// </summary>
    public Action? MeasureStarted { get; init; }

    /// <summary>Measured seconds: the simulations' durations added up.</summary>
    public TimeSpan Duration => Simulations.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <summary>The warm-up phase: the first simulation held at its starting level.</summary>
    public LoadSimulation? WarmUpPhase => WarmUp <= TimeSpan.Zero || Simulations.Count == 0
        ? null
        : Simulations[0] switch
        {
            RampClients r => new KeepConstantClients(Math.Max(r.From, 1), WarmUp),
            RampRate r => new InjectRate(Math.Max(r.From, 1), WarmUp, r.MaxConcurrency),
            var s => s with { Duration = WarmUp },
        };
}
