using System.Diagnostics;
using Microsoft.Coyote.SystematicTesting;
using P2PSim.Systematic.Tests.PlantedBugs;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Proof of power: each planted bug must be found by Coyote within its bound, and its failure must be the bug's own
/// symptom. Beside each, the same scenario runs as a plain multithreaded stress test for the same wall time; the
/// table in <c>artifacts/coyote/report.md</c> compares the hit rates.
/// </summary>
public sealed class PlantedBugTests(ITestOutputHelper output)
{
    private const uint QuickHitRateIterations = 100;

    private readonly CoyoteRunner _coyote = new(output);

    public static TheoryData<string> Bugs => [.. PlantedBugCatalogue.All.Select(b => b.Name)];

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Coyote_finds_the_planted_bug_within_its_bound_and_stress_is_measured_beside_it(string name)
    {
        var bug = PlantedBugCatalogue.Named(name);
        output.WriteLine($"{bug.Name}: {bug.Description}");

        // 1. Exploration as CI runs it: stop at the first bug, save its trace.
        var clock = Stopwatch.StartNew();
        var found = _coyote.Run(bug.Name, CoyoteRunner.Configure(bug.Bound, bug.Races), bug.Scenario);
        var timeToFind = clock.Elapsed;
        Assert.Empty(found.UncontrolledInvocations);
        Assert.True(found.NumOfFoundBugs == 1, $"Coyote did not find {bug.Name} within {bug.Bound} iterations");
        Assert.Contains(bug.Symptom, found.BugReports.First(), StringComparison.Ordinal);
        var firstFind = CoyoteRunner.Explored(found);

        // 2. Hit rate: a fixed number of iterations, not stopping at bugs. CI's 100 keeps this run and the stress run
        // beside it (which burns both cores for as long) short; ci/coyote.sh --iterations N measures precisely.
        var rateIterations = CoyoteRunner.Iterations(QuickHitRateIterations);
        clock.Restart();
        var rate = RunToCompletion(bug, rateIterations);
        var rateWall = clock.Elapsed;

        // 3. Stress for the same wall time.
        var stress = StressRunner.Run(bug, rateWall);
        output.WriteLine($"stress: {stress.Trials} trials in {stress.Elapsed.TotalSeconds:F2} s, {stress.Hits} hit(s), " +
                         $"{stress.Timeouts} timed out{(stress.FirstFailure is null ? "" : ", first: " + stress.FirstFailure)}");

        var row = PlantedBugReport.Row(bug, firstFind, timeToFind, rate.NumOfFoundBugs, CoyoteRunner.Explored(rate), rateWall, stress);
        PlantedBugReport.Add(bug, row);
        output.WriteLine(PlantedBugReport.Header + "\n" + row);
        output.WriteLine("report: " + PlantedBugReport.Path);
    }

    private TestReport RunToCompletion(PlantedBug bug, uint iterations)
    {
        var configuration = CoyoteRunner.Configure(iterations, bug.Races).WithTestIterationsRunToCompletion(true);
        using var engine = TestingEngine.Create(configuration, bug.Scenario);
        CoyoteWatchdog.Run(engine, bug.Name + " (hit rate)");
        var report = engine.TestReport;
        output.WriteLine($"hit rate: {report.NumOfFoundBugs} of {CoyoteRunner.Explored(report)} iterations failed");
        return report;
    }
}
