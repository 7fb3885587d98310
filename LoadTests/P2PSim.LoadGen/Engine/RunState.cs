using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// What the drivers, the contexts and the sampler of one run share: the step recorders (in first-use order), one
/// context per client, the iteration budget, the count of arrivals the open model had to drop, and the phase now
/// running (for the load level shown in the timeline).
/// </summary>
internal sealed class RunState
{
    private readonly Lock _gate = new();
    private readonly List<StepRecorder> _steps = [];
    private readonly Dictionary<string, StepRecorder> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ScenarioContext> _contexts = [];
    private long _iterationsLeft;
    private long _missed;
    private (LoadSimulation Simulation, long StartTicks)? _phase;

    public RunState(Scenario scenario, long maxIterations)
    {
        Scenario = scenario;
        _iterationsLeft = maxIterations;
    }

    public Scenario Scenario { get; }

    /// <summary>Arrivals of the open model not started because their phase ended before a worker was free.</summary>
    public long Missed => Interlocked.Read(ref _missed);

    public StepRecorder Step(string name)
    {
        lock (_gate)
        {
            if (!_byName.TryGetValue(name, out var recorder))
            {
                recorder = new StepRecorder(name);
                _byName.Add(name, recorder);
                _steps.Add(recorder);
            }

            return recorder;
        }
    }

    public IReadOnlyList<StepRecorder> Steps()
    {
        lock (_gate)
        {
            return [.. _steps];
        }
    }

    public ScenarioContext Context(int clientId)
    {
        lock (_gate)
        {
            if (!_contexts.TryGetValue(clientId, out var context))
            {
                context = new ScenarioContext(clientId, this);
                _contexts.Add(clientId, context);
            }

            return context;
        }
    }

    public IReadOnlyList<ScenarioContext> Contexts()
    {
        lock (_gate)
        {
            return [.. _contexts.Values];
        }
    }

    /// <summary>Takes one iteration from the budget; false when it is spent.</summary>
    public bool TryStartIteration() => Interlocked.Decrement(ref _iterationsLeft) >= 0;

    public void CountMissed(long count) => Interlocked.Add(ref _missed, count);

    public void ResetMissed() => Interlocked.Exchange(ref _missed, 0);

    public void EnterPhase(LoadSimulation simulation)
    {
        lock (_gate)
        {
            _phase = (simulation, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>Clients or arrivals/s the running phase asks for now; 0 between phases.</summary>
    public double CurrentLevel()
    {
        lock (_gate)
        {
            return _phase is { } p ? p.Simulation.LevelAt(Stopwatch.GetElapsedTime(p.StartTicks)) : 0;
        }
    }

    /// <summary>Runs one iteration of the scenario for <paramref name="context"/>.</summary>
    public async ValueTask RunIterationAsync(ScenarioContext context, long? intendedStart, CancellationToken cancellationToken)
    {
        context.BeginIteration(intendedStart);
        try
        {
            await Scenario.IterationAsync(context, cancellationToken);
        }
        finally
        {
            context.EndIteration();
        }
    }
}
