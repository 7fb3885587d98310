using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// Runs one <see cref="RunSpec"/>: warm-up (discarded), then each simulation in turn while a sampler builds the
/// timeline and the per-step totals. The whole run is bounded: warm-up + duration + <see cref="Grace"/>, after which
/// iterations still running are cancelled and the run reports what it measured.
/// </summary>
internal static class ScenarioRunner
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(1);

    public static async Task<RunResult> RunAsync(RunSpec spec, IRunObserver observer, CancellationToken cancellationToken)
    {
        observer.RunStarted(spec);
        var state = new RunState(spec.Scenario, spec.MaxIterations);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(spec.WarmUp + spec.Duration + Grace);
        try
        {
            if (spec.WarmUpPhase is { } warmUp)
            {
                await DriveAsync(warmUp, state, bound.Token, cancellationToken);
            }

            foreach (var step in state.Steps())
            {
                step.TakeInterval();
                step.ResetReasons();
            }

            state.ResetMissed();
            var sampler = new TimelineSampler(state, (point, ok, failed) => observer.Sampled(spec, point, ok, failed));
            spec.MeasureStarted?.Invoke();
            var measureStart = Stopwatch.GetTimestamp();
            var costAtStart = ProcessCost.Take();
            using var stopSampling = new CancellationTokenSource();
            var sampling = sampler.RunAsync(SampleInterval, stopSampling.Token);
            foreach (var simulation in spec.Simulations)
            {
                await DriveAsync(simulation, state, bound.Token, cancellationToken);
            }

            var costAtEnd = ProcessCost.Take();
            await stopSampling.CancelAsync();
            await sampling;
            sampler.Take();
            var result = Summarize(spec, state, sampler, Stopwatch.GetElapsedTime(measureStart).TotalSeconds, costAtStart, costAtEnd);
            observer.RunFinished(result);
            return result;
        }
        finally
        {
            await DisposeClientStateAsync(state);
        }
    }

    private static async Task DriveAsync(LoadSimulation simulation, RunState state, CancellationToken bound, CancellationToken caller)
    {
        state.EnterPhase(simulation);
        try
        {
            await (simulation.IsOpen
                ? OpenModelDriver.RunAsync(simulation, state, bound)
                : ClosedModelDriver.RunAsync(simulation, state, bound));
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            // The run's time bound hit: keep what was measured, the report shows the short window.
        }
    }

    private static RunResult Summarize(
        RunSpec spec, RunState state, TimelineSampler sampler, double seconds, ProcessCost.Snapshot costAtStart, ProcessCost.Snapshot costAtEnd)
    {
        var reasons = state.Steps().ToDictionary(s => s.Name, s => (IReadOnlyDictionary<string, long>)new Dictionary<string, long>(s.FailureReasons));
        var steps = new List<StepResult>();
        var all = new StepTotals();
        var allReasons = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, totals) in sampler.Totals)
        {
            steps.Add(totals.ToResult(name, seconds, reasons[name]));
            all.Add(totals);
            foreach (var (reason, count) in reasons[name])
            {
                allReasons[reason] = allReasons.GetValueOrDefault(reason) + count;
            }
        }

        return new RunResult(
            spec.Name,
            spec.Group,
            spec.Scenario.Name,
            spec.Scenario.Description,
            spec.Simulations.Select(s => s.Describe()).ToList(),
            seconds,
            spec.OfferedRate,
            state.Missed,
            steps,
            all.ToResult("all", seconds, allReasons),
            sampler.Timeline,
            ProcessCost.Between(costAtStart, costAtEnd, all.Ok),
            MachineLoad.OneMinute());
    }

    private static async Task DisposeClientStateAsync(RunState state)
    {
        foreach (var context in state.Contexts())
        {
            switch (context.State)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
