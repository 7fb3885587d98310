using P2PSim.LoadGen.Engine;

namespace P2PSim.LoadGen.Suite;

/// <summary>Everything one suite run produced; the report writers render it.</summary>
internal sealed record SuiteReport(
    string Name,
    string Mode,
    string Target,
    DateTimeOffset StartedUtc,
    DateTimeOffset FinishedUtc,
    EnvironmentInfo Environment,
    IReadOnlyList<RunResult> Runs,
    IReadOnlyList<SweepResult> Sweeps,
    Headline Headline,
    IReadOnlyList<ThresholdResult> Thresholds,
    IReadOnlyList<string> Notes)
{
    public bool Passed => Thresholds.All(t => t.Passed);
}
