using P2PSim.Systematic.Tests.PlantedBugs;
using Xunit.Abstractions;

namespace P2PSim.Systematic.Tests;

/// <summary>
/// Every planted bug replays from its saved trace to the same failure, every time. <c>ci/replay.sh TRACE</c> runs
/// <see cref="Replay_the_trace_named_by_P2PSIM_COYOTE_REPLAY"/> on any trace under <c>.coyote-traces/</c>.
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private const int Replays = 10;
    private readonly CoyoteRunner _coyote = new(output);

    public static TheoryData<string> Bugs => PlantedBugTests.Bugs;

    [Theory]
    [MemberData(nameof(Bugs))]
    public void A_planted_bug_replays_from_its_trace_to_the_same_failure_ten_times_out_of_ten(string name)
    {
        var bug = PlantedBugCatalogue.Named(name);
        var trace = EnsureTrace(bug);
        var recorded = File.ReadAllText(Path.Combine(Path.GetDirectoryName(trace)!, "bug.txt")).TrimEnd();

        for (var i = 0; i < Replays; i++)
        {
            var replay = _coyote.Replay(trace, bug.Races, bug.Scenario);
            Assert.Equal(1, replay.NumOfFoundBugs);
            Assert.Equal(recorded, replay.BugReports.First());
        }

        output.WriteLine($"{bug.Name}: {Replays}/{Replays} replays of {trace} failed with: {recorded}");
    }

    /// <summary>
    /// Replays the trace in <c>P2PSIM_COYOTE_REPLAY</c> (any <c>.coyote-traces/&lt;scenario&gt;/trace.json</c>: the
    /// folder names the scenario); without it, the first planted bug's trace. Set a breakpoint in the scenario and
    /// debug this test to step through the failing schedule: it is the same every run.
    /// </summary>
    [Fact]
    public void Replay_the_trace_named_by_P2PSIM_COYOTE_REPLAY()
    {
        var requested = Environment.GetEnvironmentVariable("P2PSIM_COYOTE_REPLAY");
        var trace = requested is { Length: > 0 } ? Path.GetFullPath(requested) : EnsureTrace(PlantedBugCatalogue.All[0]);
        var scenario = CoyoteScenarios.Named(new DirectoryInfo(Path.GetDirectoryName(trace)!).Name);
        var recordedFile = Path.Combine(Path.GetDirectoryName(trace)!, "bug.txt");

        var replay = _coyote.Replay(trace, scenario.Races, scenario.Run, scenario.Settings);
        var failure = replay.BugReports.FirstOrDefault() ?? "(no failure)";
        output.WriteLine($"replayed {trace} ({scenario.Name}, race checking {scenario.Races}): {failure}");
        Assert.Equal(1, replay.NumOfFoundBugs);
        if (File.Exists(recordedFile))
        {
            Assert.Equal(File.ReadAllText(recordedFile).TrimEnd(), failure);
        }
    }

    /// <summary>
    /// Finds the bug again and saves its trace: always, so the replay never meets a trace left by older code (and
    /// does not depend on the order tests run in). Exploration is seeded, so it is the same trace each time.
    /// </summary>
    private string EnsureTrace(PlantedBug bug)
    {
        var report = _coyote.Run(bug.Name, CoyoteRunner.Configure(bug.Bound, bug.Races), bug.Scenario);
        Assert.Equal(1, report.NumOfFoundBugs);
        return CoyoteRunner.TraceFile(bug.Name);
    }
}
