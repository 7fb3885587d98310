using System.Diagnostics;

namespace P2PSim.LoadGen.Engine;

/// <summary>
/// Runs a closed-model phase: <see cref="LoadSimulation.MaxWorkers"/> client tasks, of which the first
/// round(level) are active at any moment; an active client starts its next iteration as soon as the last one ended.
/// Bounded by the phase's end and the run's iteration budget.
/// </summary>
internal static class ClosedModelDriver
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(LoadSimulation simulation, RunState state, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + Ticks.From(simulation.Duration);
        var clients = new Task[simulation.MaxWorkers];
        for (var i = 0; i < clients.Length; i++)
        {
            var context = state.Context(i);
            var active = i;
            clients[i] = Task.Run(() => RunClientAsync(simulation, state, context, active, start, end, cancellationToken), cancellationToken);
        }

        await Task.WhenAll(clients);
    }

    private static async Task RunClientAsync(
        LoadSimulation simulation, RunState state, ScenarioContext context, int index, long start, long end, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= end)
            {
                return;
            }

            if (index >= (int)Math.Round(simulation.LevelAt(Stopwatch.GetElapsedTime(start, now))))
            {
                // Not needed yet (ramping up) or any more (ramping down): look again shortly, never past the end.
                await Task.Delay(Ticks.Min(IdlePoll, end - now), cancellationToken);
                continue;
            }

            if (!state.TryStartIteration())
            {
                return;
            }

            await state.RunIterationAsync(context, intendedStart: null, cancellationToken);
        }
    }
}
