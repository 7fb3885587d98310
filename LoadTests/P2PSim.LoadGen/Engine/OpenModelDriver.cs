using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// Runs an open-model phase. Arrival k is due at <see cref="ArrivalSchedule.DueSeconds"/>; any free worker takes
/// the next arrival, sleeps until it is due and starts it, and the iteration is timed from the due time, so when the
/// server falls behind the queueing shows up in the latency instead of silently lowering the offered load
/// (coordinated omission). Every arrival due within the phase is started, late if need be, until
/// <see cref="LateStartLimit"/> after the phase's end; arrivals still unstarted then are dropped and counted as missed,
/// which bounds the overrun of an overloaded phase.
/// </summary>
internal static class OpenModelDriver
{
    /// <summary>How long after the phase's end arrivals due within it may still start.</summary>
    public static readonly TimeSpan LateStartLimit = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How much earlier than due a worker asks to be woken: timers here fire one to two milliseconds late, which would
    /// otherwise be recorded as the server's latency. A worker woken early starts early and is timed from its actual
    /// start, so waking early never shortens a measured latency.
    /// </summary>
    private static readonly long TimerSlack = Ticks.From(TimeSpan.FromMilliseconds(2));

    public static async Task RunAsync(LoadSimulation simulation, RunState state, CancellationToken cancellationToken)
    {
        var (from, to) = simulation switch
        {
            InjectRate r => (r.Rate, r.Rate),
            RampRate r => (r.From, r.To),
            _ => throw new ArgumentException($"{simulation} is not an open-model phase", nameof(simulation)),
        };

        var schedule = new Schedule(from, to, simulation.Duration, Stopwatch.GetTimestamp());
        var workers = new Task[simulation.MaxWorkers];
        for (var i = 0; i < workers.Length; i++)
        {
            var context = state.Context(i);
            workers[i] = Task.Run(() => RunWorkerAsync(schedule, state, context, cancellationToken), cancellationToken);
        }

        await Task.WhenAll(workers);
        state.CountMissed(schedule.Unstarted());
    }

    private static async Task RunWorkerAsync(Schedule schedule, RunState state, ScenarioContext context, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && schedule.TryTakeNext(out var due))
        {
            var sleep = due - TimerSlack - Stopwatch.GetTimestamp();
            if (sleep > TimerSlack)
            {
                await Task.Delay(Ticks.ToTimeSpan(sleep), cancellationToken);
            }

            if (!state.TryStartIteration())
            {
                return;
            }

            await state.RunIterationAsync(context, due, cancellationToken);
        }
    }

    /// <summary>The arrivals of one phase, handed out in order; none after the phase's end.</summary>
    private sealed class Schedule(double from, double to, TimeSpan duration, long startTicks)
    {
        private readonly long _lateLimit = startTicks + Ticks.From(duration + LateStartLimit);
        private readonly long _total = (long)Math.Floor(ArrivalSchedule.TotalArrivals(from, to, duration.TotalSeconds));
        private long _next = -1;
        private long _taken;

        public bool TryTakeNext(out long dueTicks)
        {
            dueTicks = 0;
            var k = Interlocked.Increment(ref _next);
            if (k >= _total || Stopwatch.GetTimestamp() >= _lateLimit)
            {
                return false;
            }

            var seconds = ArrivalSchedule.DueSeconds(k, from, to, duration.TotalSeconds);
            if (double.IsInfinity(seconds))
            {
                return false;
            }

            dueTicks = startTicks + (long)(seconds * Stopwatch.Frequency);
            Interlocked.Increment(ref _taken);
            return true;
        }

        /// <summary>Arrivals of the phase nobody took before the late-start limit.</summary>
        public long Unstarted() => Math.Max(0, _total - Interlocked.Read(ref _taken));
    }
}
