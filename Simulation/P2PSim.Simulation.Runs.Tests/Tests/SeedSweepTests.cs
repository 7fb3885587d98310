using System.Diagnostics;
using P2PSim.Simulation.Runs.Tests.Runs;
using Xunit.Abstractions;

namespace P2PSim.Simulation.Runs.Tests.Tests;

/// <summary>
/// The CI sweep: 100 seeds (P2PSIM_SIM_SEEDS, P2PSIM_SIM_FIRST_SEED to change), each a whole-system scenario that must
/// run clean; with P2PSIM_SIM_REPLAY=1 each seed also runs twice and must give the same trace hash.
/// </summary>
public sealed class SeedSweepTests(ITestOutputHelper output)
{
    [Fact]
    public void EverySeedOfTheSweepRunsClean()
    {
        var wall = Stopwatch.StartNew();
        var failures = new List<SimulationResult>();
        long operations = 0;
        long downloads = 0;
        long events = 0;
        var simulated = TimeSpan.Zero;
        var faults = FaultCounts.None;
        for (var seed = SeedSettings.SweepFirst; seed < SeedSettings.SweepFirst + SeedSettings.SweepCount; seed++)
        {
            var trace = SeedSettings.ReplayEach ? new List<string>() : null;
            var result = SimulationRunner.Run(seed, trace);
            operations += result.Operations;
            downloads += result.Downloads;
            events += result.Events;
            simulated += result.SimulatedTime;
            faults += result.Faults;
            if (trace is not null)
            {
                var replayTrace = new List<string>();
                var again = SimulationRunner.Run(seed, replayTrace);
                if (again.TraceHash != result.TraceHash)
                {
                    var folder = Directory.CreateDirectory(Path.Join(Path.GetTempPath(), "p2psim-sim-traces")).FullName;
                    File.WriteAllLines(Path.Join(folder, $"seed-{seed}-first.trace"), trace);
                    File.WriteAllLines(Path.Join(folder, $"seed-{seed}-replay.trace"), replayTrace);
                    result = result with
                    {
                        Violations = [.. result.Violations, $"replay gave trace {again.TraceHash[..16]}, not {result.TraceHash[..16]} (both in {folder})"],
                    };
                }
            }

            if (!result.Passed)
            {
                failures.Add(result);
                output.WriteLine(result.FailureReport());
            }
        }

        var seconds = wall.Elapsed.TotalSeconds;
        output.WriteLine(
            $"{SeedSettings.SweepCount} seeds in {seconds:0.0} s ({SeedSettings.SweepCount / seconds:0.0} seeds/s): {operations} operations, " +
            $"{downloads} verified downloads, {events} trace events, {simulated.TotalMinutes:0.0} simulated minutes; " +
            $"faults: {faults}; " +
            $"{failures.Count} failed{(failures.Count > 0 ? ": " + string.Join(", ", failures.Select(f => f.Seed)) : "")}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Select(f => f.FailureReport())));
    }
}
