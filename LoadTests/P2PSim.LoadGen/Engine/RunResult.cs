namespace P2PSim.LoadGen.Engine;

/// <summary>What one run measured, after warm-up.</summary>
internal sealed record RunResult(
    string Name,
    string Group,
    string Scenario,
    string Description,
    IReadOnlyList<string> Simulations,
    double MeasuredSeconds,
    double? OfferedRate,
    long Missed,
    IReadOnlyList<StepResult> Steps,
    StepResult Total,
    IReadOnlyList<TimelinePoint> Timeline,
    ProcessCost Cost,
    double? MachineLoad);
