using System.Diagnostics;
using P2PSim.Simulation.Runs.Tests.Scenario;
using P2PSim.Simulation.Runtime;
using P2PSim.Transport.Capture;

namespace P2PSim.Simulation.Runs.Tests.Runs;

/// <summary>Runs one seed's scenario on a fresh clock, network and pump, in a scratch folder, and collects the result.</summary>
internal static class SimulationRunner
{
    private static int s_runs;

    public static string ReplayCommand(int seed) =>
        $"ci/simulate.sh --seed {seed}   (or: P2PSIM_SIM_SEED={seed} dotnet test Simulation/P2PSim.Simulation.Runs.Tests " +
        "-c Release --filter FullyQualifiedName~ConfiguredSeed)";

    /// <summary>
    /// Runs <paramref name="seed"/>; with <paramref name="capture"/>, every connection of the run is also written there
    /// as pcapng (docs/wireshark.md), timestamped by the simulated clock.
    /// </summary>
    public static SimulationResult Run(int seed, List<string>? fullTrace = null, Stream? capture = null)
    {
        var plan = ScenarioPlan.From(seed);
        var clock = new SimClock();
        using var traffic = capture is null ? null : new TrafficCapture(capture, clock);
        var trace = new SimTrace(clock) { All = fullTrace };
        var root = Path.Join(Path.GetTempPath(), "p2psim-sim", $"{seed}-{Environment.ProcessId}-{Interlocked.Increment(ref s_runs)}");
        Directory.CreateDirectory(root);
        var wall = Stopwatch.StartNew();
        var violations = new List<string>();
        SimWorld? world = null;
        long steps = 0;
        try
        {
            SimPump.Run(
                clock,
                async () =>
                {
                    world = new SimWorld(plan, clock, trace, root, traffic);
                    trace.Add("plan", plan.ToString());
                    await world.RunAsync();
                    return 0;
                },
                out var report);
            steps = report.Steps;
            if (report.ForeignPosts > 0)
            {
                violations.Add($"{report.ForeignPosts} continuations came from outside the simulation (real async I/O or timers): " +
                               "the run is not guaranteed to replay");
            }
        }
        catch (Exception e)
        {
            violations.Add($"the run failed: {e.GetType().Name}: {e.Message}");
        }

        violations.InsertRange(0, world?.Violations ?? []);
        var result = new SimulationResult(
            seed,
            plan.ToString(),
            trace.Hash(),
            trace.Count,
            steps,
            clock.Elapsed,
            wall.Elapsed,
            world?.Operations ?? 0,
            world?.Unanswered ?? 0,
            world?.Downloads ?? 0,
            world?.Recorder.Records.Count ?? 0,
            FaultCounts.From(trace, stops: world is null ? 0 : 1),
            violations,
            trace.Tail());
        TryDelete(root);
        return result;
    }

    private static void TryDelete(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Scratch space under the temp folder: best effort.
        }
    }
}
