using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// One client of a run: its id, how many iterations it began, per-client state the scenario keeps (a persistent
/// connection, a user name) and the step recorder. In the open model the first step of an iteration is timed from
/// the iteration's scheduled start, so time spent waiting for a free client counts (coordinated omission, as wrk2
/// corrects it); later steps of the same iteration are timed from their own start.
/// </summary>
internal sealed class ScenarioContext
{
    private readonly RunState _run;
    private long? _intendedStart;

    public ScenarioContext(int clientId, RunState run)
    {
        ClientId = clientId;
        _run = run;
        Random = new Random(unchecked((clientId * 7919) + 20261124));
    }

    /// <summary>0-based client (closed) or worker (open) number, stable for the whole run.</summary>
    public int ClientId { get; }

    /// <summary>Iterations this client began before the current one.</summary>
    public long Iteration { get; private set; }

    /// <summary>Seeded per client, so runs pick the same sequence.</summary>
    public Random Random { get; }

    /// <summary>Whatever the scenario keeps per client; disposed at the end of the run when it is disposable.</summary>
    public object? State { get; set; }

    /// <summary>Runs one step, records its outcome and latency, and returns the outcome.</summary>
    public async ValueTask<StepOutcome> StepAsync(
        string name, Func<CancellationToken, ValueTask<StepOutcome>> step, CancellationToken cancellationToken)
    {
        var recorder = _run.Step(name);
        var actualStart = Stopwatch.GetTimestamp();
        var start = _intendedStart is { } intended ? Math.Min(intended, actualStart) : actualStart;
        _intendedStart = null;
        StepOutcome outcome;
        try
        {
            outcome = await step(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            outcome = StepOutcome.Failure(e.GetType().Name);
        }

        if (outcome.Ok)
        {
            recorder.RecordOk((long)Stopwatch.GetElapsedTime(start).TotalMicroseconds, outcome.Bytes);
        }
        else
        {
            recorder.RecordFailure(outcome.FailureReason ?? "failed");
        }

        return outcome;
    }

    /// <summary>
    /// The recorder of step <paramref name="name"/>, for scenarios that time their operations themselves: a pipelined
    /// client has several requests in flight and takes several replies per iteration, each one operation with its
    /// own latency (from its write to its reply). Callers keep the recorder rather than look it up per operation.
    /// </summary>
    public StepRecorder Recorder(string name) => _run.Step(name);

    /// <summary>Called by the drivers before each iteration; <paramref name="intendedStart"/> is null in the closed model.</summary>
    internal void BeginIteration(long? intendedStart)
    {
        _intendedStart = intendedStart;
    }

    internal void EndIteration()
    {
        _intendedStart = null;
        Iteration++;
    }
}
