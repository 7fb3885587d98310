using System.Diagnostics;
using HdrHistogram;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// Once per interval takes every step's interval histogram and counts, adds them to the step's totals, and appends
/// one timeline point (all steps together) — latency over time within the run.
/// </summary>
internal sealed class TimelineSampler
{
    private readonly RunState _state;
    private readonly Action<TimelinePoint, long, long> _onSample;
    private readonly Dictionary<string, StepTotals> _totals = new(StringComparer.Ordinal);
    private readonly List<TimelinePoint> _timeline = [];
    private readonly long _start = Stopwatch.GetTimestamp();
    private long _lastTake;
    private long _ok;
    private long _failed;

    /// <param name="state">The run being sampled.</param>
    /// <param name="onSample">Called with each point and the run's OK and failed counts so far.</param>
    public TimelineSampler(RunState state, Action<TimelinePoint, long, long> onSample)
    {
        _state = state;
        _onSample = onSample;
        _lastTake = _start;
    }

    public IReadOnlyList<TimelinePoint> Timeline => _timeline;

    /// <summary>Totals per step name, in the order steps were first used.</summary>
    public IEnumerable<(string Name, StepTotals Totals)> Totals =>
        _state.Steps().Select(s => (s.Name, _totals.TryGetValue(s.Name, out var t) ? t : new StepTotals()));

    /// <summary>Samples every <paramref name="interval"/> until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                Take();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run is over; the caller takes the last partial interval.
        }
    }

    /// <summary>Takes one interval now (also the final partial one after the run).</summary>
    public void Take()
    {
        var now = Stopwatch.GetTimestamp();
        var seconds = Stopwatch.GetElapsedTime(_lastTake, now).TotalSeconds;
        _lastTake = now;
        var merged = new LongHistogram(StepRecorder.HighestTrackableMicros, StepRecorder.SignificantDigits);
        long ok = 0;
        long failed = 0;
        foreach (var step in _state.Steps())
        {
            var interval = step.TakeInterval();
            if (!_totals.TryGetValue(step.Name, out var totals))
            {
                totals = new StepTotals();
                _totals.Add(step.Name, totals);
            }

            totals.Add(interval);
            merged.Add(interval.Latency);
            ok += interval.Ok;
            failed += interval.Failed;
        }

        _ok += ok;
        _failed += failed;
        if (seconds < 0.05)
        {
            return; // too short a tail to plot as a rate
        }

        var summary = LatencySummary.Of(merged);
        var point = new TimelinePoint(
            Stopwatch.GetElapsedTime(_start, now).TotalSeconds,
            _state.CurrentLevel(),
            ok / seconds,
            failed / seconds,
            summary.P50,
            summary.P99,
            summary.Max);
        _timeline.Add(point);
        _onSample(point, _ok, _failed);
    }
}
