namespace P2PSim.LoadGen.Engine;

/// <summary>
/// A named unit of work that a load simulation repeats: one call of <see cref="IterationAsync"/> is one iteration,
/// made of one or more steps recorded through <see cref="ScenarioContext.StepAsync"/>.
/// </summary>
/// <param name="Name">Short id used in reports and thresholds (e.g. <c>classic-mix</c>).</param>
/// <param name="Description">One sentence for the report.</param>
/// <param name="IterationAsync">One iteration for one client; must be bounded in time (its steps carry timeouts).</param>
internal sealed record Scenario(string Name, string Description, Func<ScenarioContext, CancellationToken, ValueTask> IterationAsync);
